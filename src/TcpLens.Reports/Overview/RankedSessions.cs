using TcpLens.Analysis.Sessions;

namespace TcpLens.Reports.Overview;

/// <summary>The worst sessions of one ranking.</summary>
/// <param name="Ranking">The ranking.</param>
/// <param name="Worst">Its worst sessions, worst first.</param>
/// <param name="Ranked">How many sessions ranked at all (had something of this kind).</param>
public sealed record RankedSessions(SessionRanking Ranking, IReadOnlyList<Session> Worst, long Ranked);
