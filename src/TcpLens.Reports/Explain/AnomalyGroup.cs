namespace TcpLens.Reports.Explain;

/// <summary>
/// One episode: events of one family about one side's data, close together in time (a loss and
/// its repair, a window that filled and reopened), or several merged episodes.
/// </summary>
internal sealed class AnomalyGroup(AnomalyFamily family, bool dataC2S, long frame, long time)
{
    private readonly List<KindStats> _kinds = new(4);

    public AnomalyFamily Family { get; } = family;

    /// <summary>Whose data the episode is about: the client's (true) or the server's.</summary>
    public bool DataC2S { get; } = dataC2S;

    public long FirstFrame { get; private set; } = frame;

    public long LastFrame { get; private set; } = frame;

    public long FirstTime { get; private set; } = time;

    public long LastTime { get; private set; } = time;

    /// <summary>Episodes in this group (1 until merged).</summary>
    public int Episodes { get; private set; } = 1;

    /// <summary>Gaps found in it not yet repaired or acknowledged: the episode is still going on.</summary>
    public int OpenGaps { get; set; }

    /// <summary>The kinds in the order their first frames came (a tie: the kind's order).</summary>
    public IEnumerable<KindStats> Kinds => _kinds.OrderBy(k => k.FirstFrame).ThenBy(k => k.Kind);

    /// <summary>A key of the kinds it holds: equal keys merge first.</summary>
    public ulong Signature => _kinds.Aggregate(0UL, (a, k) => a | (1UL << (int)k.Kind));

    public KindStats? Find(AnomalyKind kind) => _kinds.Find(k => k.Kind == kind);

    public KindStats Stats(AnomalyKind kind, long frame, long time)
    {
        FirstFrame = Math.Min(FirstFrame, frame);
        LastFrame = Math.Max(LastFrame, frame);
        FirstTime = Math.Min(FirstTime, time);
        LastTime = Math.Max(LastTime, time);
        KindStats? k = Find(kind);
        if (k is null)
        {
            k = new KindStats(kind);
            _kinds.Add(k);
        }
        return k;
    }

    /// <summary>Takes in the next group's events (it comes later in the stream).</summary>
    public void Merge(AnomalyGroup later)
    {
        FirstFrame = Math.Min(FirstFrame, later.FirstFrame);
        LastFrame = Math.Max(LastFrame, later.LastFrame);
        FirstTime = Math.Min(FirstTime, later.FirstTime);
        LastTime = Math.Max(LastTime, later.LastTime);
        Episodes += later.Episodes;
        foreach (KindStats k in later._kinds)
        {
            KindStats? mine = Find(k.Kind);
            if (mine is null)
            {
                mine = new KindStats(k.Kind);
                _kinds.Add(mine);
            }
            mine.Merge(k);
        }
    }
}
