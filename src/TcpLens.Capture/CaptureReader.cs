using TcpLens.Capture.Files;
using TcpLens.Capture.Progress;

namespace TcpLens.Capture;

/// <summary>
/// Reads the frames of one pcap or pcapng file (plain, gzip or zstd), recognised by content.
/// One buffer is reused for every frame: a <see cref="CaptureFrame"/> is valid until the next
/// <see cref="TryRead"/>. Damage stops reading with <see cref="Error"/> set; the frames before it
/// were all delivered.
/// </summary>
/// <example>
/// <code>
/// using var reader = CaptureReader.Open("trace.pcapng");
/// while (reader.TryRead(out var frame)) { /* frame.Number, frame.Time, frame.Data */ }
/// if (reader.Error is { } e) Console.Error.WriteLine(e);
/// </code>
/// </example>
public sealed class CaptureReader : IDisposable
{
    private const int DefaultBufferSize = 1 << 20;
    private const int SmallBufferSize = 64 << 10;
    private const int CompressedReadSize = 4 << 10;

    private ByteWindow _window;
    private FormatReader _format;
    private RawRecord _record;
    private int _pendingAdvance;
    private long _frames;
    // A sequence of files read as one timeline: the files still to open, the global number of
    // the first frame of each file opened so far, and the damage met in each.
    private readonly Queue<string> _next = new();
    private readonly List<string> _files = [];
    private readonly List<long> _fileStarts = [];
    private readonly List<CaptureError> _errors = [];
    private long _fileBase;
    private bool _fileStopped;

    private CaptureReader(string name, ByteWindow window, FormatReader format, CaptureFormat captureFormat)
    {
        Name = name;
        _window = window;
        _format = format;
        Format = captureFormat;
        _files.Add(name);
        _fileStarts.Add(1);
    }

    /// <summary>The name used in messages (the path given to <see cref="Open(string)"/>; in a sequence, the file being read).</summary>
    public string Name { get; private set; }

    /// <summary>Container, compression, byte order and timestamp unit of the file (in a sequence, the file being read).</summary>
    public CaptureFormat Format { get; private set; }

    /// <summary>The files opened so far, in reading order (one, unless opened as a sequence).</summary>
    public IReadOnlyList<string> Files => _files;

    /// <summary>Damage met, one entry per damaged file; reading went on with the next file of a sequence.</summary>
    public IReadOnlyList<CaptureError> Errors => _errors;

    /// <summary>The index in <see cref="Files"/> of the file holding frame <paramref name="frame"/> (numbered across the sequence).</summary>
    public int FileIndexOf(long frame)
    {
        int i = _fileStarts.BinarySearch(frame);
        return i >= 0 ? i : Math.Max(0, ~i - 1);
    }

    /// <summary>The first frame number (numbered across the sequence) of file <paramref name="fileIndex"/> in <see cref="Files"/>.</summary>
    public long FirstFrameOf(int fileIndex) => _fileStarts[fileIndex];

    /// <summary>The number of <paramref name="frame"/> within its own file, as Wireshark shows it when that file is opened alone.</summary>
    public long FrameInFile(long frame) => frame - _fileStarts[FileIndexOf(frame)] + 1;

    /// <summary>
    /// Opens several capture files as one timeline (rotated files, in the order given): frames
    /// are numbered on across files, and a connection that spans two files is one connection.
    /// Throws <see cref="CaptureFormatException"/> when the first is not a capture; a later file
    /// that cannot be read is reported in <see cref="Errors"/> and skipped.
    /// </summary>
    public static CaptureReader Open(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0)
        {
            throw new ArgumentException("no capture files", nameof(paths));
        }
        CaptureReader reader = Open(paths[0]);
        for (int i = 1; i < paths.Count; i++)
        {
            reader._next.Enqueue(paths[i]);
        }
        return reader;
    }

    // Moves to the next file of the sequence; false when there is none.
    private bool OpenNext()
    {
        while (_next.TryDequeue(out string? path))
        {
            CaptureReader next;
            try
            {
                next = Open(path);
            }
            catch (CaptureFormatException e)
            {
                _errors.Add(new CaptureError(path, CaptureErrorKind.Unsupported, 1, 0, e.Message));
                Error ??= _errors[^1];
                continue;
            }
            _window.Dispose();
            _window = next._window;
            _format = next._format;
            Format = next.Format;
            Name = next.Name;
            _record = default;
            _pendingAdvance = 0;
            _fileBase = _frames;
            _fileStopped = false;
            _files.Add(path);
            _fileStarts.Add(_frames + 1);
            return true;
        }
        return false;
    }

    /// <summary>Interfaces seen so far; pcapng files can add more as reading goes on.</summary>
    public IReadOnlyList<InterfaceInfo> Interfaces => _format.Interfaces;

    /// <summary>Frames delivered so far.</summary>
    public long FramesRead => _frames;

    /// <summary>Offset in the (decompressed) file of the next unread byte.</summary>
    public long Position => _window.Position + _pendingAdvance;

    /// <summary>Why reading stopped early (in a sequence: the first damaged file), or null when every file was read to its end.</summary>
    public CaptureError? Error { get; private set; }

    /// <summary>
    /// Opens a capture file (<c>-</c>: standard input, see <see cref="StandardInput"/>; a named
    /// pipe is read as it arrives). Throws <see cref="CaptureFormatException"/> when it is not one.
    /// </summary>
    public static CaptureReader Open(string path)
    {
        Stream file;
        try
        {
            if (StandardInput.Is(path))
            {
                file = StandardInput.Open();
            }
            else
            {
                file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1,
                    FileOptions.SequentialScan);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CaptureFormatException($"{path}: cannot open: {e.Message}", e);
        }
        // counted when someone tracks progress (CountingStream owns and disposes the file)
        Stream source = ReadProgress.Current is { } progress ? new CountingStream(file, progress) : file;
        try
        {
            return Open(source, path);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads a capture from a stream (which this reader then owns), starting at its current
    /// position; byte offsets count from there. <paramref name="name"/> names the capture in messages.
    /// </summary>
    public static CaptureReader Open(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        int bufferSize = DefaultBufferSize;
        // The capture starts where the stream stands, which need not be its beginning.
        long start = stream.CanSeek ? stream.Position : 0;
        if (stream.CanSeek && stream.Length - start < DefaultBufferSize)
        {
            bufferSize = SmallBufferSize;
        }
        byte[] head = ReadHead(stream, name);
        Stream source = stream.CanSeek ? Rewind(stream, start) : new PrefixedStream(head, stream);
        CaptureCompression compression = ContentSniffer.DetectCompression(head, out string? unsupported);
        if (unsupported is not null)
        {
            throw new CaptureFormatException($"{name}: not a capture tcplens can read: the file is {unsupported}");
        }
        if (compression != CaptureCompression.None)
        {
            source = ContentSniffer.Decompress(source, compression);
            bufferSize = DefaultBufferSize;
        }
        var window = new ByteWindow(source, bufferSize, PcapNgFormat.MaxBlockLength,
            compression == CaptureCompression.None ? int.MaxValue : CompressedReadSize);
        try
        {
            return Create(name, window, compression);
        }
        catch
        {
            window.Dispose();
            throw;
        }
    }

    private static CaptureReader Create(string name, ByteWindow window, CaptureCompression compression)
    {
        string what = compression == CaptureCompression.None ? "" : $"{compression.ToString().ToLowerInvariant()}-compressed, but ";
        bool haveMagic;
        try
        {
            haveMagic = window.Ensure(ContentSniffer.MagicLength);
        }
        catch (Exception e) when (IsReadFailure(e))
        {
            throw new CaptureFormatException($"{name}: not a capture tcplens can read: {what}{e.Message}", e);
        }
        ReadOnlySpan<byte> head = window.Span[..Math.Min(window.Available, ContentSniffer.MagicLength)];
        if (haveMagic && PcapFormat.IsMagic(head))
        {
            window.Ensure(PcapFormat.FileHeaderLength);
            PcapFormat? pcap = PcapFormat.TryCreate(window.Span[..Math.Min(window.Available, PcapFormat.FileHeaderLength)], out string? error);
            if (pcap is null)
            {
                throw new CaptureFormatException($"{name}: cannot read this pcap file: {error}");
            }
            window.Advance(PcapFormat.FileHeaderLength);
            return new CaptureReader(name, window, pcap,
                new CaptureFormat(CaptureContainer.Pcap, compression, pcap.BigEndian, pcap.Nanosecond));
        }
        if (haveMagic && PcapNgFormat.IsMagic(head))
        {
            var ng = new PcapNgFormat();
            var reader = new CaptureReader(name, window, ng, new CaptureFormat(CaptureContainer.PcapNg, compression, false, false));
            // The first section header must be readable, or this is not a pcapng file we can use.
            reader.ReadFirstSection();
            return reader;
        }
        throw new CaptureFormatException(
            $"{name}: not a pcap or pcapng capture: {what}{ContentSniffer.Describe(head)}");
    }

    private void ReadFirstSection()
    {
        ReadStatus status = ReadNextSafe();
        if (status == ReadStatus.Error)
        {
            throw new CaptureFormatException($"{Name}: cannot read this pcapng file: {_format.Problem.Message}");
        }
    }

    /// <summary>
    /// Reads the next frame. False at the end of the file or when damage stops reading
    /// (then <see cref="Error"/> says where and why).
    /// </summary>
    public bool TryRead(out CaptureFrame frame)
    {
        if (_pendingAdvance != 0)
        {
            _window.Advance(_pendingAdvance);
            _pendingAdvance = 0;
        }
        while (true)
        {
            long offset = _window.Position;
            ReadStatus status = ReadNextSafe();
            if (status == ReadStatus.Frame)
            {
                _frames++;
                _pendingAdvance = _record.RecordLength;
                frame = new CaptureFrame(_frames, _record.Time, _record.LinkType, _record.InterfaceIndex,
                    _record.OriginalLength, offset,
                    _window.Span.Slice(_record.DataOffset, _record.CapturedLength), _record.HasTime);
                return true;
            }
            if (status == ReadStatus.Skipped)
            {
                continue;
            }
            if (status == ReadStatus.Error && !_fileStopped)
            {
                Stop(new CaptureError(Name, _format.Problem.Kind, _frames + 1 - _fileBase, offset, _format.Problem.Message));
            }
            if (OpenNext())
            {
                continue;
            }
            frame = default;
            return false;
        }
    }

    private ReadStatus ReadNextSafe()
    {
        if (_fileStopped)
        {
            return ReadStatus.End;
        }
        try
        {
            return _format.ReadNext(_window, ref _record);
        }
        catch (Exception e) when (IsReadFailure(e))
        {
            Stop(new CaptureError(Name, CaptureErrorKind.Io, _frames + 1 - _fileBase, _window.Position,
                $"{(Format.Compression == CaptureCompression.None ? "" : "decompression failed: ")}{e.Message}"));
            return ReadStatus.Error;
        }
    }

    private void Stop(CaptureError error)
    {
        _fileStopped = true;
        _errors.Add(error);
        Error ??= error;
    }

    private static bool IsReadFailure(Exception e) =>
        e is IOException or InvalidDataException or UnauthorizedAccessException or ZstdSharp.ZstdException;

    private static byte[] ReadHead(Stream stream, string name)
    {
        var head = new byte[ContentSniffer.MagicLength];
        int got = 0;
        try
        {
            while (got < head.Length)
            {
                int n = stream.Read(head, got, head.Length - got);
                if (n == 0)
                {
                    break;
                }
                got += n;
            }
        }
        catch (Exception e) when (IsReadFailure(e))
        {
            throw new CaptureFormatException($"{name}: cannot read: {e.Message}", e);
        }
        return got == head.Length ? head : head[..got];
    }

    private static Stream Rewind(Stream stream, long start)
    {
        stream.Seek(start, SeekOrigin.Begin);
        return stream;
    }

    /// <summary>Closes the file.</summary>
    public void Dispose() => _window.Dispose();
}
