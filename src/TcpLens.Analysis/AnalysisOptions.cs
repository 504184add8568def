namespace TcpLens.Analysis;

/// <summary>
/// Thresholds and switches of the analysis, with Wireshark 4.6's defaults
/// (docs/wireshark-tcp-rules.md §12). Changing them departs from Wireshark parity.
/// </summary>
public sealed record AnalysisOptions
{
    /// <summary>Wireshark's defaults.</summary>
    public static AnalysisOptions Default { get; } = new();

    /// <summary>A retransmission this soon after the peer's last packet can be a fast retransmission (20 ms).</summary>
    public long FastRetransmissionWindowNs { get; init; } = 20_000_000;

    /// <summary>Out-of-order threshold while the initial RTT is unknown (3 ms).</summary>
    public long OutOfOrderDefaultNs { get; init; } = 3_000_000;

    /// <summary>Duplicate ACKs needed before a retransmission counts as fast (2).</summary>
    public int FastRetransmissionDupAcks { get; init; } = 2;

    /// <summary>Un-ACKed segments remembered per direction (Wireshark's TCP_MAX_UNACKED_SEGMENTS).</summary>
    public int MaxUnackedSegments { get; init; } = 10_000;

    /// <summary>Test fast retransmission before out-of-order (tcp.fastrt_supersedes_ooo).</summary>
    public bool FastRetransmissionFirst { get; init; } = true;

    /// <summary>
    /// A closed conversation (RST, or FIN both ways) ends after this long without packets (30 s
    /// of capture time): its state is dropped and a later packet on the same ports opens a new
    /// stream. Wireshark never drops one; only stray packets come this late after a close.
    /// </summary>
    public long ClosedIdleTimeoutNs { get; init; } = 30_000_000_000;

    /// <summary>
    /// A conversation whose other side never answered ends after this long without packets
    /// (3 minutes: longer than the gaps between SYN retransmissions, so they stay in one stream).
    /// </summary>
    public long UnansweredIdleTimeoutNs { get; init; } = 180_000_000_000;

    /// <summary>Any other conversation ends after this long without packets (3 hours: longer than the 2-hour default keep-alive time).</summary>
    public long IdleTimeoutNs { get; init; } = 3L * 3600 * 1_000_000_000;

    /// <summary>An idle conversation also needs this many later frames before it ends (10 000).</summary>
    public long MinIdlePackets { get; init; } = 10_000;

    /// <summary>How often (capture time) idle conversations are looked for (10 s).</summary>
    public long SweepIntervalNs { get; init; } = 10_000_000_000;

    /// <summary>Window shift assumed when the handshake was not seen; -1 = unknown (tcp.default_window_scaling).</summary>
    public int DefaultWindowScaling { get; init; } = -1;
}
