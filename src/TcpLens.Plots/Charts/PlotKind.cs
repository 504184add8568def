namespace TcpLens.Plots.Charts;

/// <summary>The charts of one stream.</summary>
public enum PlotKind
{
    /// <summary>tcptrace's time-sequence graph: segments as bars, the ACK and receive-window lines, SACK blocks, retransmissions and gaps marked.</summary>
    Tcptrace,
    /// <summary>Stevens' time-sequence graph: one point per data segment.</summary>
    Seq,
    /// <summary>Receive window each side advertised over time.</summary>
    Window,
    /// <summary>One side's ACK number and receive window on two axes.</summary>
    AckWin,
    /// <summary>Payload throughput per direction.</summary>
    Throughput,
    /// <summary>ACK round-trip times of each direction's data.</summary>
    Rtt,
    /// <summary>Bytes in flight (sent, not yet acknowledged) over time.</summary>
    Inflight,
}

/// <summary>Names of <see cref="PlotKind"/> on the command line.</summary>
public static class PlotKinds
{
    /// <summary>Every kind's name, lower case, in enum order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<PlotKind>().Select(k => k.ToString().ToLowerInvariant())];

    /// <summary>The kind named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static PlotKind? Parse(string? name) =>
        Enum.TryParse(name, ignoreCase: true, out PlotKind kind) && Enum.IsDefined(kind) && !int.TryParse(name, out _) ? kind : null;
}

/// <summary>Which side's frames a chart draws.</summary>
public enum ChartDirection
{
    /// <summary>The chart's own choice: both sides where both fit, else the side that sent more payload.</summary>
    Both,
    /// <summary>The client's frames (its data, or its ACKs and window for window charts).</summary>
    ClientToServer,
    /// <summary>The server's frames.</summary>
    ServerToClient,
}
