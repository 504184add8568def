namespace TcpLens.Correlation.Comparison;

/// <summary>Knobs and thresholds of <see cref="PacketComparer"/> and of the verdict it writes.</summary>
public sealed record CompareOptions
{
    /// <summary>
    /// How long a frame seen at one point waits for its copy at the other (after the clock
    /// offset) before it counts as lost.
    /// </summary>
    public long MatchWindowNs { get; init; } = 5_000_000_000;

    /// <summary>
    /// How long a delivered frame is remembered: another copy of it (same IP ID and numbers)
    /// arriving within this time is a duplicate, and a retransmission of it sent within this time
    /// resent a delivered frame.
    /// </summary>
    public long DeliveredMemoryNs { get; init; } = 2_000_000_000;

    /// <summary>
    /// The longest one-way delay taken into account when a sent frame is judged after its
    /// window: it waits this much longer than a received one, so that frames of other
    /// segmentation which arrived after it are known by then.
    /// </summary>
    public long MaxDelayNs { get; init; } = 1_000_000_000;

    /// <summary>How often (capture time) waiting frames are checked against the match window.</summary>
    public long SweepIntervalNs { get; init; } = 50_000_000;

    /// <summary>Only this client stream (and the totals of it alone); null for all.</summary>
    public int? ClientStream { get; init; }

    /// <summary>Verdict: loss above this share of the frames sent is the network's.</summary>
    public double LossShare { get; init; } = 0.005;

    /// <summary>Verdict: a median delay more than this above its minimum is queueing on the path.</summary>
    public long QueueingNs { get; init; } = 20_000_000;

    /// <summary>Verdict: one-way delays below zero by more than this (beyond the clock offset's uncertainty) are not judged.</summary>
    public long NegativeDelayMarginNs { get; init; } = 1_000_000;

    /// <summary>Verdict: endpoint think time above this (and above twice the path's round trip) makes an endpoint slow.</summary>
    public long SlowEndpointNs { get; init; } = 50_000_000;
}
