using TcpLens.Analysis.Sessions;

namespace TcpLens.Reports.Explain;

/// <summary>
/// What the capture holds around the explained connection: the other streams between the same
/// two endpoints (ports reused, a retry after a challenge ACK), in stream order.
/// </summary>
public sealed record ExplainContext(IReadOnlyList<Session> SamePorts)
{
    /// <summary>No other stream known.</summary>
    public static ExplainContext None { get; } = new([]);

    /// <summary>The other streams of <paramref name="sessions"/> between the endpoints of <paramref name="session"/>.</summary>
    public static ExplainContext Of(Session session, IEnumerable<Session> sessions)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(sessions);
        return new([.. sessions.Where(s => s.Stream != session.Stream && s.Client == session.Client && s.Server == session.Server)
                                 .OrderBy(s => s.Stream)]);
    }

    /// <summary>The latest stream on these ports before <paramref name="stream"/>.</summary>
    public Session? Before(int stream) => SamePorts.LastOrDefault(s => s.Stream < stream);

    /// <summary>The first stream on these ports after <paramref name="stream"/>.</summary>
    public Session? After(int stream) => SamePorts.FirstOrDefault(s => s.Stream > stream);
}
