namespace TcpLens.Capture.Files;

/// <summary>
/// The capture file named <c>-</c>: standard input, as for tcpdump and tshark
/// (<c>tcpdump -w - | tcplens sessions -</c>). It is read as it arrives, once: a second
/// opening in the same run is refused, so whatever needs two passes copies it to a file first.
/// The stream comes from the process (or from what a host such as a test supplies with
/// <see cref="Use"/>; the choice flows to threads and tasks started afterwards).
/// </summary>
public static class StandardInput
{
    /// <summary>The name that means standard input.</summary>
    public const string Name = "-";

    private static readonly AsyncLocal<Source?> Supplied = new();
    private static readonly Source Process = new(Console.OpenStandardInput);

    /// <summary>True when <paramref name="path"/> names standard input.</summary>
    public static bool Is(string? path) => path == Name;

    /// <summary>Makes <paramref name="open"/> the standard input of the code that runs from here on, until disposed.</summary>
    public static IDisposable Use(Func<Stream> open)
    {
        ArgumentNullException.ThrowIfNull(open);
        Source? before = Supplied.Value;
        Supplied.Value = new Source(open);
        return new Restore(before);
    }

    /// <summary>Opens standard input for reading; throws <see cref="CaptureFormatException"/> when it was opened before.</summary>
    internal static Stream Open()
    {
        Source source = Supplied.Value ?? Process;
        if (Interlocked.Exchange(ref source.Opened, 1) != 0)
        {
            throw new CaptureFormatException($"{Name}: standard input was read already; it can be read only once (give it once, or save it to a file first)");
        }
        return source.OpenStream();
    }

    private sealed class Source(Func<Stream> open)
    {
        public int Opened;

        public Stream OpenStream() => open();
    }

    private sealed class Restore(Source? before) : IDisposable
    {
        public void Dispose() => Supplied.Value = before;
    }
}
