using TcpLens.Capture;
using TcpLens.Capture.Decoding;

namespace TcpLens.Analysis.Sessions;

/// <summary>Which side's resets to report.</summary>
public enum ResetSide
{
    /// <summary>Connections the client reset.</summary>
    Client,
    /// <summary>Connections the server reset.</summary>
    Server,
}

/// <summary>One connection reset by the chosen side, and what else its client had open at that instant.</summary>
/// <param name="Session">The connection.</param>
/// <param name="Frame">Frame of the side's first RST.</param>
/// <param name="Time">Its time.</param>
/// <param name="OtherOpen">Other connections of the same client open at that instant (handshake done, no FIN or RST yet).</param>
/// <param name="OtherOpenByServer">Those connections per server endpoint, most first (then by endpoint).</param>
/// <param name="By">Whose RST it was.</param>
public sealed record ResetEvent(Session Session, long Frame, Timestamp Time, int OtherOpen,
    IReadOnlyList<(Endpoint Server, int Count)> OtherOpenByServer, ResetSide By);

/// <summary>Connections ended by a RST from one side, with the client's other open connections at that moment.</summary>
public static class ResetReport
{
    /// <summary>
    /// Every session the <paramref name="side"/> reset (its first RST), in the order of the RSTs.
    /// Needs all sessions of the capture (the open connections can be any of them).
    /// </summary>
    public static List<ResetEvent> Build(IEnumerable<Session> sessions, ResetSide side)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var byClient = new Dictionary<NetAddress, List<Session>>();
        var resets = new List<(Session S, long Frame, Timestamp T)>();
        foreach (Session s in sessions)
        {
            if (!byClient.TryGetValue(s.Client.Address, out List<Session>? list))
            {
                byClient[s.Client.Address] = list = [];
            }
            list.Add(s);
            (long frame, Timestamp? at) = side == ResetSide.Client ? (s.ClientRstFrame, s.ClientRstAt) : (s.ServerRstFrame, s.ServerRstAt);
            if (at is { } t)
            {
                resets.Add((s, frame, t));
            }
        }
        var events = new List<ResetEvent>(resets.Count);
        foreach ((Session s, long frame, Timestamp t) in resets.OrderBy(r => r.Frame))
        {
            var counts = new Dictionary<Endpoint, int>();
            int total = 0;
            foreach (Session other in byClient[s.Client.Address])
            {
                if (!ReferenceEquals(other, s) && other.IsOpenAt(t))
                {
                    total++;
                    counts[other.Server] = counts.GetValueOrDefault(other.Server) + 1;
                }
            }
            var perServer = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key)
                .Select(c => (c.Key, c.Value)).ToList();
            events.Add(new ResetEvent(s, frame, t, total, perServer, side));
        }
        return events;
    }
}
