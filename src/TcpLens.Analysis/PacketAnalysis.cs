namespace TcpLens.Analysis;

/// <summary>
/// The analysis of one TCP frame, as Wireshark shows it: <c>tcp.stream</c>, relative sequence
/// numbers, calculated window and the <c>tcp.analysis.*</c> fields. Times are nanoseconds; -1
/// (or null) marks an absent value.
/// </summary>
public readonly record struct PacketAnalysis
{
    /// <summary>False for frames that get no stream (fewer than 14 TCP header bytes).</summary>
    public bool HasStream { get; init; }

    /// <summary><c>tcp.stream</c>.</summary>
    public int Stream { get; init; }

    /// <summary>True when the sender is the endpoint that sent the stream's first frame.</summary>
    public bool FromFirstSender { get; init; }

    /// <summary><c>tcp.seq</c> (relative to the sender's base).</summary>
    public uint RelativeSeq { get; init; }

    /// <summary><c>tcp.ack</c> (relative to the peer's base when ACK is set, else the raw field).</summary>
    public uint RelativeAck { get; init; }

    /// <summary><c>tcp.window_size</c>, or -1 when not computed.</summary>
    public long WindowSize { get; init; }

    /// <summary>Analysis verdicts (fast and spurious retransmissions also carry <see cref="AnalysisFlags.Retransmission"/>).</summary>
    public AnalysisFlags Flags { get; init; }

    /// <summary><c>tcp.analysis.duplicate_ack_num</c>, 0 when not a duplicate ACK.</summary>
    public int DupAckNumber { get; init; }

    /// <summary><c>tcp.analysis.duplicate_ack_frame</c>, 0 when not a duplicate ACK.</summary>
    public long DupAckFrame { get; init; }

    /// <summary><c>tcp.analysis.acks_frame</c>, 0 when none.</summary>
    public long AcksFrame { get; init; }

    /// <summary>
    /// <c>tcp.analysis.ack_rtt</c> in ns, null when absent. Negative when the capture's clock
    /// went backwards, as Wireshark shows it.
    /// </summary>
    public long? AckRttNs { get; init; }

    /// <summary><c>tcp.analysis.initial_rtt</c> in ns, null when absent (may be negative, like <see cref="AckRttNs"/>).</summary>
    public long? InitialRttNs { get; init; }

    /// <summary><c>tcp.analysis.bytes_in_flight</c>, -1 when absent.</summary>
    public long BytesInFlight { get; init; }

    /// <summary>The TCP payload length used by the analysis (<c>tcp.len</c>), -1 when unknown.</summary>
    public int SegmentLength { get; init; }

    /// <summary><c>tcp.len</c>, or null when unknown.</summary>
    public int? Length => SegmentLength >= 0 ? SegmentLength : null;

    /// <summary><c>tcp.window_size</c>, or null when not computed.</summary>
    public long? ScaledWindow => WindowSize >= 0 ? WindowSize : null;
}
