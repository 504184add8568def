using TcpLens.Analysis.Sessions;

namespace TcpLens.Correlation.Matching;

/// <summary>Knobs of <see cref="StreamMatcher"/>.</summary>
public sealed record MatchOptions
{
    /// <summary>
    /// Servers of interest (as the client sees them, or as the server capture does). Empty: every
    /// address and port the server capture shows as a server.
    /// </summary>
    public IReadOnlyList<EndpointPattern> Servers { get; init; } = [];

    /// <summary>How late after the client's SYN (once the clock offset is removed) the server may see it.</summary>
    public long SynWindowNs { get; init; } = 3_000_000_000;

    /// <summary>How early: clock estimates are not exact.</summary>
    public long SynToleranceNs { get; init; } = 100_000_000;

    /// <summary>Score a fallback candidate needs (see StreamMatcher.Score).</summary>
    public int MinScore { get; init; } = 4;
}
