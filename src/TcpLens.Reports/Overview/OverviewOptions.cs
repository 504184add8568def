using TcpLens.Analysis;

namespace TcpLens.Reports.Overview;

/// <summary>How <see cref="SessionsOverview.Collect"/> reads the captures and how many worst sessions it keeps.</summary>
public sealed record OverviewOptions
{
    /// <summary>Sessions kept per ranking (the worst ones).</summary>
    public int Top { get; init; } = 20;

    /// <summary>Threads for the sessions pass.</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>Analysis settings (Wireshark's defaults unless changed).</summary>
    public AnalysisOptions? Analysis { get; init; }
}
