namespace TcpLens.Capture.Files;

/// <summary>
/// A sliding window over a stream: one reusable buffer that records are read from in place.
/// The buffer grows only while real bytes arrive, so a length field that claims gigabytes in a
/// short file costs no more memory than the file holds.
/// </summary>
internal sealed class ByteWindow : IDisposable
{
    private readonly Stream _stream;
    private readonly int _maxWindow;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private long _bufferBase;
    private bool _eof;

    private readonly int _maxRead;

    /// <param name="stream">The source.</param>
    /// <param name="initialSize">First buffer size.</param>
    /// <param name="maxWindow">Largest record the window may ever have to hold.</param>
    /// <param name="maxRead">
    /// Largest single read. Decompressors throw on damage and lose what they decoded in that
    /// call, so compressed sources are read in small pieces to keep every frame before the damage.
    /// </param>
    public ByteWindow(Stream stream, int initialSize, int maxWindow, int maxRead = int.MaxValue)
    {
        _stream = stream;
        _maxRead = maxRead;
        _maxWindow = maxWindow;
        _buffer = new byte[initialSize];
    }

    /// <summary>Offset in the stream of the first unconsumed byte.</summary>
    public long Position => _bufferBase + _start;

    /// <summary>Number of unconsumed bytes already in the buffer.</summary>
    public int Available => _end - _start;

    /// <summary>The unconsumed bytes in the buffer.</summary>
    public ReadOnlySpan<byte> Span => new(_buffer, _start, _end - _start);

    /// <summary>True when the stream has no bytes left past those in the buffer.</summary>
    public bool AtEnd => _start == _end && _eof;

    /// <summary>
    /// Makes at least <paramref name="count"/> bytes available. False when the stream ends first
    /// (then <see cref="Available"/> tells how many there were) or the count exceeds the window limit.
    /// </summary>
    public bool Ensure(int count)
    {
        if (_end - _start >= count)
        {
            return true;
        }
        return Fill(count);
    }

    public void Advance(int count) => _start += count;

    private bool Fill(int count)
    {
        if (count > _maxWindow || count < 0)
        {
            return false;
        }
        while (_end - _start < count)
        {
            if (_eof)
            {
                return false;
            }
            if (_end == _buffer.Length)
            {
                MakeRoom(count);
            }
            int read = _stream.Read(_buffer, _end, Math.Min(_buffer.Length - _end, _maxRead));
            if (read == 0)
            {
                _eof = true;
                return false;
            }
            _end += read;
        }
        return true;
    }

    // Moves the unconsumed bytes to the front; doubles the buffer when they already fill it.
    private void MakeRoom(int count)
    {
        int live = _end - _start;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, live);
        }
        else
        {
            var bigger = new byte[(int)Math.Min((long)_buffer.Length * 2, Math.Max(_maxWindow, _buffer.Length))];
            Buffer.BlockCopy(_buffer, _start, bigger, 0, live);
            _buffer = bigger;
        }
        _bufferBase += _start;
        _start = 0;
        _end = live;
    }

    public void Dispose() => _stream.Dispose();
}
