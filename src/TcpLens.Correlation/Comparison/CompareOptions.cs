namespace TcpLens.Correlation.Comparison;

/// <summary>Knobs of <see cref="PacketComparer"/>.</summary>
public sealed record CompareOptions
{
    /// <summary>
    /// How long a frame seen at one point waits for its copy at the other (after the clock
    /// offset) before it counts as lost.
    /// </summary>
    public long MatchWindowNs { get; init; } = 5_000_000_000;

    /// <summary>
    /// How long a delivered frame is remembered: a copy with its IP ID arriving within this time
    /// is a duplicate, and a retransmission of it sent within this time resent a delivered frame.
    /// </summary>
    public long DeliveredMemoryNs { get; init; } = 2_000_000_000;

    /// <summary>Only this client stream (and the totals of it alone); null for all.</summary>
    public int? ClientStream { get; init; }
}
