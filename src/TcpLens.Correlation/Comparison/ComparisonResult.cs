using TcpLens.Correlation.Matching;

namespace TcpLens.Correlation.Comparison;

/// <summary>The answer of <see cref="PacketComparer"/>: per matched stream and overall.</summary>
public sealed class ComparisonResult
{
    /// <summary>The stream matching the comparison is built on.</summary>
    public required MatchResult Match { get; init; }

    /// <summary>Matched streams in client stream order.</summary>
    public required IReadOnlyList<StreamComparison> Streams { get; init; }

    /// <summary>Every compared frame client to server, including streams that never matched (their frames count as lost).</summary>
    public required DirectionComparison TotalClientToServer { get; init; }

    /// <summary>Every compared frame server to client.</summary>
    public required DirectionComparison TotalServerToClient { get; init; }

    /// <summary>Server think time over all streams.</summary>
    public required DelayHistogram ServerThink { get; init; }

    /// <summary>Client think time over all streams.</summary>
    public required DelayHistogram ClientThink { get; init; }

    /// <summary>A few sentences for a ticket: where the time and the packets went, with the figures.</summary>
    public required IReadOnlyList<string> Verdict { get; init; }
}
