using TcpLens.Correlation.Matching;

namespace TcpLens.Correlation.Comparison;

/// <summary>
/// The answer of <see cref="PacketComparer"/>: per matched stream, for the connections seen at
/// one point only, and overall. Totals = the matched streams + the unmatched connections.
/// </summary>
public sealed class ComparisonResult
{
    /// <summary>The stream matching the comparison is built on.</summary>
    public required MatchResult Match { get; init; }

    /// <summary>Matched streams in client stream order.</summary>
    public required IReadOnlyList<StreamComparison> Streams { get; init; }

    /// <summary>
    /// Client to server frames of the connections of the servers compared that were seen at one
    /// point only: client SYNs the server never saw (lost), streams only the server saw (only at
    /// the receiver), connections outside the other capture's span (not comparable).
    /// </summary>
    public required DirectionComparison UnmatchedClientToServer { get; init; }

    /// <summary>Server to client frames of those connections (a stream only the server saw lost what its server sent).</summary>
    public required DirectionComparison UnmatchedServerToClient { get; init; }

    /// <summary>How many streams (of either capture) the unmatched frames belong to.</summary>
    public required int UnmatchedConnections { get; init; }

    /// <summary>Every compared frame client to server: the matched streams and the unmatched connections.</summary>
    public required DirectionComparison TotalClientToServer { get; init; }

    /// <summary>Every compared frame server to client.</summary>
    public required DirectionComparison TotalServerToClient { get; init; }

    /// <summary>Server think time over all streams.</summary>
    public required DelayHistogram ServerThink { get; init; }

    /// <summary>Client think time over all streams.</summary>
    public required DelayHistogram ClientThink { get; init; }

    /// <summary>Whether the captures look given client side first (handshakes, TTLs, one-way delays).</summary>
    public required CaptureOrder Order { get; init; }

    /// <summary>A few sentences for a ticket: where the time and the packets went, with the figures.</summary>
    public IReadOnlyList<string> Verdict { get; internal set; } = [];
}
