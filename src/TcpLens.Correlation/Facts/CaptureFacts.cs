using TcpLens.Capture;

namespace TcpLens.Correlation.Facts;

/// <summary>One capture reduced to the facts that correlation needs: its streams and its time span.</summary>
public sealed class CaptureFacts
{
    /// <summary>The file name.</summary>
    public required string Name { get; init; }

    /// <summary>Every stream, indexed by its tcp.stream number.</summary>
    public required IReadOnlyList<StreamFacts> Streams { get; init; }

    /// <summary>Time of the first frame (any protocol), if any.</summary>
    public Timestamp? FirstTime { get; init; }

    /// <summary>Time of the last frame.</summary>
    public Timestamp? LastTime { get; init; }

    /// <summary>Frames Wireshark dissects as TCP.</summary>
    public long TcpFrames { get; init; }

    /// <summary>Where reading stopped early, or null when the whole file was read.</summary>
    public CaptureError? Error { get; init; }

    /// <summary>True when <paramref name="t"/> (this capture's clock) lies in its span, widened by <paramref name="marginNs"/>.</summary>
    public bool Covers(Timestamp t, long marginNs = 0) =>
        FirstTime is { } first && LastTime is { } last
        && t.TotalNanoseconds >= first.TotalNanoseconds - marginNs
        && t.TotalNanoseconds <= last.TotalNanoseconds + marginNs;
}
