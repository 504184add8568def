namespace TcpLens.Reports.Explain;

/// <summary>
/// The thresholds <c>tcplens explain</c> judges causes by. Each is a fact about common TCP stacks
/// or about what a capture can show; changing one changes what the narrative claims.
/// </summary>
public sealed record ExplainOptions
{
    /// <summary>The defaults.</summary>
    public static ExplainOptions Default { get; } = new();

    /// <summary>
    /// The smallest retransmission timeout of the common stacks (200 ms: Linux's TCP_RTO_MIN;
    /// Windows and RFC 6298 wait longer). A resend sooner than this after the original cannot be
    /// a timeout.
    /// </summary>
    public long MinRtoNs { get; init; } = 200_000_000;

    /// <summary>
    /// A second frame with the first one's IP ID (or TCP timestamp) and bytes this soon after it
    /// is a copy made on the path or by the capture, not a resend by the sender (5 ms).
    /// </summary>
    public long CopyWindowNs { get; init; } = 5_000_000;

    /// <summary>Duplicate ACKs that start classic fast retransmit (RFC 5681: 3). Fewer, with SACK, is SACK/RACK-based recovery.</summary>
    public int DupAckThreshold { get; init; } = 3;

    /// <summary>
    /// A tail-loss probe comes at least this many round trips after the sender's last data
    /// (Linux and Windows wait about two; 1.5 leaves room for the capture point's position).
    /// </summary>
    public double TailLossProbeMinRtts { get; init; } = 1.5;

    /// <summary>Events of one kind of trouble further apart than this many round trips (at least <see cref="MinEpisodeGapNs"/>) start a new episode.</summary>
    public double EpisodeGapRtts { get; init; } = 4;

    /// <summary>The shortest gap that separates two episodes (50 ms).</summary>
    public long MinEpisodeGapNs { get; init; } = 50_000_000;

    /// <summary>Lines in the anomalies part at the most: episodes are merged until they fit, so nothing is cut off (40).</summary>
    public int MaxAnomalyLines { get; init; } = 40;

    /// <summary>Turns of the conversation told one by one (8); the rest are counted.</summary>
    public int DataTurnsShown { get; init; } = 8;

    /// <summary>A SYN/ACK slower than this makes a slow start in the verdict (200 ms).</summary>
    public long SlowHandshakeNs { get; init; } = 200_000_000;

    /// <summary>Segments remembered per direction to find the original of a resend (100 000): bounds memory on a stream with a huge window.</summary>
    public int MaxOutstandingSegments { get; init; } = 100_000;
}
