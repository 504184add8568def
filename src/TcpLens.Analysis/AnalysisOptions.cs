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

    /// <summary>Window shift assumed when the handshake was not seen; -1 = unknown (tcp.default_window_scaling).</summary>
    public int DefaultWindowScaling { get; init; } = -1;
}
