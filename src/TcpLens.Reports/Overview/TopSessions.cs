using TcpLens.Analysis.Sessions;

namespace TcpLens.Reports.Overview;

/// <summary>
/// The <c>n</c> worst sessions of one ranking, kept while sessions stream past: memory follows
/// <c>n</c>, not the capture. Ties go to the lower stream number, so the result does not depend
/// on the order sessions arrive in.
/// </summary>
internal sealed class TopSessions(SessionRanking ranking, int n)
{
    // The kept session that would be dropped first sits at the head: the smallest measure,
    // and among equals the highest stream number.
    private static readonly Comparer<(long Key, int Stream)> LeastBadFirst = Comparer<(long Key, int Stream)>.Create((a, b) =>
        a.Key != b.Key ? a.Key.CompareTo(b.Key) : b.Stream.CompareTo(a.Stream));

    private readonly PriorityQueue<Session, (long Key, int Stream)> _kept = new(LeastBadFirst);

    /// <summary>The ranking these sessions are the worst of.</summary>
    public SessionRanking Ranking { get; } = ranking;

    /// <summary>Sessions that ranked at all (a measure above zero), kept or not.</summary>
    public long Ranked { get; private set; }

    public void Add(Session session)
    {
        if (Ranking.Key(session) is not { } key)
        {
            return;
        }
        Ranked++;
        if (n <= 0)
        {
            return;
        }
        if (_kept.Count < n)
        {
            _kept.Enqueue(session, (key, session.Stream));
        }
        else
        {
            _kept.EnqueueDequeue(session, (key, session.Stream));
        }
    }

    /// <summary>The kept sessions, worst first.</summary>
    public List<Session> Worst() =>
        [.. _kept.UnorderedItems.OrderByDescending(x => x.Priority.Key).ThenBy(x => x.Priority.Stream).Select(x => x.Element)];
}
