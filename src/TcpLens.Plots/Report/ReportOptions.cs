using TcpLens.Analysis;

namespace TcpLens.Plots.Report;

/// <summary>What goes into an HTML report and how the captures are read.</summary>
public sealed record ReportOptions
{
    /// <summary>Rows in each table of worst sessions.</summary>
    public int Top { get; init; } = 20;

    /// <summary>How many of the worst streams get charts (time-sequence, window, RTT); 0 for none.</summary>
    public int Charts { get; init; } = 5;

    /// <summary>
    /// A capture of the same traffic taken at the server: the report then adds the two-point
    /// comparison of <c>tcplens compare</c>, with the report's captures as the client side.
    /// </summary>
    public string? ServerCapture { get; init; }

    /// <summary>How long a frame waits for its copy at the other point before it counts as lost (two-point comparison).</summary>
    public long MatchWindowNs { get; init; } = 5_000_000_000;

    /// <summary>Threads for the sessions pass.</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>Analysis settings (Wireshark's defaults unless changed).</summary>
    public AnalysisOptions? Analysis { get; init; }

    /// <summary>The report's time of creation, shown in its header; the current time when null.</summary>
    public DateTimeOffset? GeneratedAt { get; init; }
}
