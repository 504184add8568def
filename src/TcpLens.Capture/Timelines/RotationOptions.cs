namespace TcpLens.Capture.Timelines;

/// <summary>
/// When files whose names look like pieces of one rotation (tcpdump <c>-C</c>/<c>-G</c>, dumpcap
/// <c>-b</c>, <c>editcap -c</c>) really are one: a piece must start where the one before it ended.
/// A rotation writer closes a file between two consecutive frames of one recording, so the seam is
/// one gap between frames. Pieces that overlap in time were recorded at the same time (two
/// capture points, two clients); pieces far apart are separate runs. Either way they are read as
/// separate captures, each numbered as Wireshark numbers it when the file is opened alone.
/// </summary>
public sealed record RotationOptions
{
    /// <summary>The thresholds tcplens uses.</summary>
    public static RotationOptions Default { get; } = new();

    /// <summary>
    /// How far a piece may start before the previous one's last frame and still follow it (10 ms).
    /// Timestamps of one recording run backwards a little where the kernel's queues or interfaces
    /// interleave (at most 0.44 ms in the public corpus's real captures); two captures of the same
    /// traffic overlap by their whole length, at least a handshake's round trip.
    /// </summary>
    public long OverlapToleranceNs { get; init; } = 10_000_000;

    /// <summary>
    /// The longest silence between one piece's last frame and the next one's first that is still
    /// a seam (5 minutes). Rotation is used on busy capture points, where the gap between two
    /// frames is milliseconds; a capture point that saw nothing for 5 minutes was stopped and
    /// started again, and a connection silent that long has outlived the idle timeouts of common
    /// load balancers and NATs (60 s to 350 s), so reading the runs apart loses nothing real.
    /// </summary>
    public long MaxGapNs { get; init; } = 300_000_000_000;
}
