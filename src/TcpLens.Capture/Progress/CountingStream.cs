namespace TcpLens.Capture.Progress;

/// <summary>
/// A read-only stream that adds to a <see cref="ReadProgress"/> the bytes it moves forward: the
/// furthest position reached on a seekable file (a reader that peeks at the start and rewinds is
/// not counted twice, so a file read once counts exactly its length), every byte read otherwise.
/// </summary>
internal sealed class CountingStream(Stream inner, ReadProgress progress) : Stream
{
    private long _furthest = inner.CanSeek ? inner.Position : 0;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = inner.Read(buffer);
        Count(n);
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Count(n);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private void Count(int n)
    {
        if (n <= 0)
        {
            return;
        }
        if (!inner.CanSeek)
        {
            progress.Add(n);
            return;
        }
        long position = inner.Position;
        if (position > _furthest)
        {
            progress.Add(position - _furthest);
            _furthest = position;
        }
    }

    public override bool CanRead => true;
    public override bool CanSeek => inner.CanSeek;
    public override bool CanWrite => false;
    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => inner.Position = value;
    }

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
