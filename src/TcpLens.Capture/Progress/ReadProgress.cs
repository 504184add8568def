namespace TcpLens.Capture.Progress;

/// <summary>
/// Bytes read from capture files so far, by every reader opened while it is tracked (files read
/// side by side on other threads too): what a progress display divides by the inputs' size.
/// Compressed files count their compressed bytes, so the figure is against their size on disk.
/// </summary>
/// <example>
/// <code>
/// var progress = new ReadProgress();
/// using (ReadProgress.Track(progress))
/// {
///     // open and read captures; another thread may show progress.BytesRead
/// }
/// </code>
/// </example>
public sealed class ReadProgress
{
    private static readonly AsyncLocal<ReadProgress?> Tracked = new();

    private long _bytes;

    /// <summary>Bytes read so far (safe to read from any thread).</summary>
    public long BytesRead => Volatile.Read(ref _bytes);

    /// <summary>The progress that readers opened now count into (it flows to threads and tasks started from here), or null.</summary>
    public static ReadProgress? Current => Tracked.Value;

    /// <summary>Makes <paramref name="progress"/> the one that readers opened from here on count into, until disposed.</summary>
    public static IDisposable Track(ReadProgress? progress)
    {
        ReadProgress? before = Tracked.Value;
        Tracked.Value = progress;
        return new Restore(before);
    }

    /// <summary>Counts bytes read by a reader outside this library (a copy of standard input to a file).</summary>
    public void Add(long bytes) => Interlocked.Add(ref _bytes, bytes);

    private sealed class Restore(ReadProgress? before) : IDisposable
    {
        public void Dispose() => Tracked.Value = before;
    }
}
