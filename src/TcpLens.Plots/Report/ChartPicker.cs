using TcpLens.Analysis.Sessions;
using TcpLens.Reports.Overview;

namespace TcpLens.Plots.Report;

/// <summary>
/// Which streams get charts: the worst of each ranking in turn, so every kind of trouble gets a
/// picture; streams without data are passed over.
/// </summary>
internal static class ChartPicker
{
    // Unanswered attempts have no data to draw; the other rankings take turns.
    private static readonly SessionRanking[] Drawn =
        [SessionRanking.Loss, SessionRanking.Retransmissions, SessionRanking.HandshakeDelay, SessionRanking.Rtt];

    /// <summary>Up to <paramref name="count"/> distinct sessions with the rankings that placed them (e.g. "#1 by loss").</summary>
    public static List<(Session Session, List<string> Reasons)> Pick(IReadOnlyList<RankedSessions> rankings, int count)
    {
        List<RankedSessions> lists = [.. Drawn.Select(d => rankings.FirstOrDefault(r => r.Ranking == d)).OfType<RankedSessions>()];
        var picked = new List<Session>();
        int depth = lists.Count == 0 ? 0 : lists.Max(l => l.Worst.Count);
        for (int place = 0; place < depth && picked.Count < count; place++)
        {
            foreach (RankedSessions list in lists)
            {
                if (place < list.Worst.Count && picked.Count < count && HasData(list.Worst[place])
                    && !picked.Any(p => p.Stream == list.Worst[place].Stream))
                {
                    picked.Add(list.Worst[place]);
                }
            }
        }
        return [.. picked.Select(s => (s, Reasons(s, lists)))];
    }

    // A connection that never carried data (SYNs only) draws as an empty chart.
    private static bool HasData(Session s) => s.ClientToServer.PayloadBytes + s.ServerToClient.PayloadBytes > 0;

    private static List<string> Reasons(Session s, List<RankedSessions> lists) =>
        [.. lists.Select(l => (l.Ranking, Place: IndexOf(l.Worst, s.Stream)))
            .Where(x => x.Place >= 0)
            .Select(x => $"#{x.Place + 1} by {x.Ranking.Label}")];

    private static int IndexOf(IReadOnlyList<Session> list, int stream)
    {
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i].Stream == stream)
            {
                return i;
            }
        }
        return -1;
    }
}
