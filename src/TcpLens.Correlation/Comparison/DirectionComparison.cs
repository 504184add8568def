namespace TcpLens.Correlation.Comparison;

/// <summary>
/// One direction of one connection (or of everything) between the two capture points. Every
/// frame is counted once at the point that sent it and once at the point that received it:
/// <code>
/// Sent     = Matched + Lost + Unobserved + ResegmentedSent + OutsideSpanSent
/// Received = Matched + Duplicated + OnlyAtReceiver + ResegmentedReceived + OutsideSpanReceived
/// </code>
/// </summary>
public sealed class DirectionComparison
{
    private readonly Dictionary<int, long> _ttlDrops = [];

    /// <summary>TCP frames the sending side's capture shows.</summary>
    public long Sent { get; internal set; }

    /// <summary>TCP frames the receiving side's capture shows.</summary>
    public long Received { get; internal set; }

    /// <summary>Frames seen at both points (the first copy to arrive; later copies are <see cref="Duplicated"/>).</summary>
    public long Matched { get; internal set; }

    /// <summary>Frames sent while the other capture was running that never reached it: lost between the points.</summary>
    public long Lost { get; internal set; }

    /// <summary>
    /// Frames sent in a direction the other capture never shows for this connection (one-sided
    /// captures, asymmetric routing): not counted as lost.
    /// </summary>
    public long Unobserved { get; internal set; }

    /// <summary>
    /// Data frames at the sending point whose bytes reached the other point cut into other
    /// segments (TSO/GRO at a capture host, or a middlebox that resegments): not lost.
    /// </summary>
    public long ResegmentedSent { get; internal set; }

    /// <summary>Data frames at the receiving point that carry bytes the sender sent cut otherwise: not frames of their own.</summary>
    public long ResegmentedReceived { get; internal set; }

    /// <summary>Resegmented frames at both points (<see cref="ResegmentedSent"/> + <see cref="ResegmentedReceived"/>).</summary>
    public long Resegmented => ResegmentedSent + ResegmentedReceived;

    /// <summary>Frames sent while the receiving capture was not running (before it started, after it stopped): not comparable.</summary>
    public long OutsideSpanSent { get; internal set; }

    /// <summary>Frames received that were sent while the sending capture was not running: not comparable.</summary>
    public long OutsideSpanReceived { get; internal set; }

    /// <summary>Extra copies the receiving side saw of one sent frame (same IP ID and header numbers): made on the path.</summary>
    public long Duplicated { get; internal set; }

    /// <summary>Frames that arrived after a frame sent later than them: reordered between the points.</summary>
    public long Reordered { get; internal set; }

    /// <summary>Frames at the receiving side that the sending side's capture does not show (made on the path, or by a middlebox).</summary>
    public long OnlyAtReceiver { get; internal set; }

    /// <summary>Retransmissions the sender made (Wireshark's flags at the sending side).</summary>
    public long Retransmissions { get; internal set; }

    /// <summary>Retransmissions of a frame that had already reached the other point: the loss was not between the points (or only the ACK was late or lost).</summary>
    public long RetransmissionsOfDelivered { get; internal set; }

    /// <summary>Matched frames whose TCP window field differs between the points.</summary>
    public long WindowChanged { get; internal set; }

    /// <summary>Matched frames whose IP ID differs (paired by their TCP numbers only: the path rewrites IP IDs).</summary>
    public long IpIdChanged { get; internal set; }

    /// <summary>Matched frames whose DSCP differs.</summary>
    public long DscpChanged { get; internal set; }

    /// <summary>One-way delay between the points (clock offset removed).</summary>
    public DelayHistogram Delay { get; } = new();

    /// <summary>The most common TTL (hop limit) decrease between the points: routers on the path; null when nothing matched.</summary>
    public int? Hops => _ttlDrops.Count == 0 ? null : _ttlDrops.MaxBy(kv => kv.Value).Key;

    internal void AddTtlDrop(int drop) => _ttlDrops[drop] = _ttlDrops.GetValueOrDefault(drop) + 1;

    /// <summary>Adds another direction's counts (for totals).</summary>
    public void Add(DirectionComparison other)
    {
        Sent += other.Sent;
        Received += other.Received;
        Matched += other.Matched;
        Lost += other.Lost;
        Unobserved += other.Unobserved;
        ResegmentedSent += other.ResegmentedSent;
        ResegmentedReceived += other.ResegmentedReceived;
        OutsideSpanSent += other.OutsideSpanSent;
        OutsideSpanReceived += other.OutsideSpanReceived;
        Duplicated += other.Duplicated;
        Reordered += other.Reordered;
        OnlyAtReceiver += other.OnlyAtReceiver;
        Retransmissions += other.Retransmissions;
        RetransmissionsOfDelivered += other.RetransmissionsOfDelivered;
        WindowChanged += other.WindowChanged;
        IpIdChanged += other.IpIdChanged;
        DscpChanged += other.DscpChanged;
        Delay.Add(other.Delay);
        foreach ((int drop, long n) in other._ttlDrops)
        {
            _ttlDrops[drop] = _ttlDrops.GetValueOrDefault(drop) + n;
        }
    }
}
