namespace TcpLens.Correlation.Comparison;

/// <summary>One direction of one connection (or of everything) between the two capture points.</summary>
public sealed class DirectionComparison
{
    private readonly Dictionary<int, long> _ttlDrops = [];

    /// <summary>TCP frames the sending side's capture shows.</summary>
    public long Sent { get; internal set; }

    /// <summary>TCP frames the receiving side's capture shows.</summary>
    public long Received { get; internal set; }

    /// <summary>Frames seen at both points.</summary>
    public long Matched { get; internal set; }

    /// <summary>Frames sent while the other capture was running that never reached it: lost between the points.</summary>
    public long Lost { get; internal set; }

    /// <summary>
    /// Frames sent in a direction the other capture never shows for this connection (one-sided
    /// captures, asymmetric routing): not counted as lost.
    /// </summary>
    public long Unobserved { get; internal set; }

    /// <summary>
    /// Data frames whose bytes reached the other point cut into other segments (TSO/GRO at a
    /// capture host, or a middlebox that resegments), counted at both points: not lost, not
    /// frames of their own.
    /// </summary>
    public long Resegmented { get; internal set; }

    /// <summary>Extra copies the receiving side saw of one sent frame (same IP ID).</summary>
    public long Duplicated { get; internal set; }

    /// <summary>Frames that arrived after a frame sent later than them: reordered between the points.</summary>
    public long Reordered { get; internal set; }

    /// <summary>Frames at the receiving side that the sending side's capture does not show (sent before it started, or made on the path).</summary>
    public long OnlyAtReceiver { get; internal set; }

    /// <summary>Retransmissions the sender made (Wireshark's flags at the sending side).</summary>
    public long Retransmissions { get; internal set; }

    /// <summary>Retransmissions of a frame that had already reached the other point: the loss was not between the points (or only the ACK was late or lost).</summary>
    public long RetransmissionsOfDelivered { get; internal set; }

    /// <summary>Matched frames whose TCP window field differs between the points.</summary>
    public long WindowChanged { get; internal set; }

    /// <summary>Matched frames whose IP ID differs.</summary>
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
        Resegmented += other.Resegmented;
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
