using TcpLens.Correlation.Matching;

namespace TcpLens.Correlation.Comparison;

/// <summary>One matched connection compared packet by packet.</summary>
public sealed class StreamComparison(MatchedStream match)
{
    /// <summary>The match it belongs to.</summary>
    public MatchedStream Match { get; } = match;

    /// <summary>Client to server: sent at the client point, received at the server point.</summary>
    public DirectionComparison ClientToServer { get; } = new();

    /// <summary>Server to client.</summary>
    public DirectionComparison ServerToClient { get; } = new();

    /// <summary>At the server point: from the last request data arriving to the first response data leaving (ns).</summary>
    public DelayHistogram ServerThink { get; } = new();

    /// <summary>At the client point: from the last response data arriving to the next request data leaving (ns).</summary>
    public DelayHistogram ClientThink { get; } = new();

    /// <summary>The SYN's MSS option at the client point.</summary>
    public int? MssAtClient => Match.ClientSide.Syns.Count > 0 ? Match.ClientSide.Syns[0].Mss : null;

    /// <summary>The SYN's MSS option at the server point (smaller: clamped on the path).</summary>
    public int? MssAtServer => Match.ServerSide.Syns.Count > 0 ? Match.ServerSide.Syns[0].Mss : null;
}
