namespace TcpLens.Analysis.Sessions;

/// <summary>What one side of a connection sent.</summary>
public sealed record SessionDirection
{
    /// <summary>TCP frames.</summary>
    public long Packets { get; init; }

    /// <summary>TCP payload bytes (<c>tcp.len</c> summed, retransmissions included).</summary>
    public long PayloadBytes { get; init; }

    /// <summary>Frame bytes on the wire (<c>frame.len</c> summed, as tshark's conversation table counts them).</summary>
    public long WireBytes { get; init; }

    /// <summary>The smallest window this side advertised (scaled, <c>tcp.window_size</c>; SYN and RST frames left out), null when none.</summary>
    public long? MinWindow { get; init; }

    /// <summary>The MSS option of this side's SYN or SYN/ACK.</summary>
    public int? Mss { get; init; }

    /// <summary>The window-scale shift of this side's SYN or SYN/ACK.</summary>
    public int? WindowScale { get; init; }

    /// <summary>This side's SYN or SYN/ACK offered SACK.</summary>
    public bool SackPermitted { get; init; }

    /// <summary>The initial sequence number (of this side's first SYN or SYN/ACK), null when not seen.</summary>
    public uint? Isn { get; init; }

    /// <summary>SYN or SYN/ACK frames this side sent (retransmissions included).</summary>
    public int Syns { get; init; }

    /// <summary>
    /// Content gaps in this side's data, as Zeek counts them: acknowledgements from the peer that
    /// moved over bytes the capture does not hold (lost before the capture point, or cut by the
    /// snap length).
    /// </summary>
    public int Gaps { get; init; }

    /// <summary>This side's bytes the peer acknowledged but the capture does not hold (Zeek's missed_bytes).</summary>
    public long MissedBytes { get; init; }

    /// <summary>Analysis flags on this side's frames.</summary>
    public FlagCounts Flags { get; init; }
}
