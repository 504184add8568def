namespace TcpLens.Correlation.Comparison;

/// <summary>Knobs of <see cref="PacketComparer"/>.</summary>
public sealed record CompareOptions
{
    /// <summary>
    /// How long a frame seen at one point waits for its copy at the other (after the clock
    /// offset) before it counts as lost; also how long a delivered frame is remembered to
    /// recognise duplicates.
    /// </summary>
    public long MatchWindowNs { get; init; } = 5_000_000_000;

    /// <summary>Only this client stream (and the totals of it alone); null for all.</summary>
    public int? ClientStream { get; init; }
}
