using TcpLens.Reports.Overview;

namespace TcpLens.Plots.Report;

/// <summary>Everything an HTML report shows, collected by <see cref="ReportBuilder"/>.</summary>
public sealed class ReportModel
{
    /// <summary>What was read.</summary>
    public required CaptureOverview Overview { get; init; }

    /// <summary>Anomalies summed over all sessions.</summary>
    public required AnomalyTotals Totals { get; init; }

    /// <summary>The worst sessions, one table per ranking, in <see cref="SessionRanking.All"/> order.</summary>
    public required IReadOnlyList<RankedSessions> Rankings { get; init; }

    /// <summary>Where the listed sessions sit in the files, by stream; empty for a single file.</summary>
    public required IReadOnlyDictionary<int, SessionLocation> Locations { get; init; }

    /// <summary>The charted streams, in the order picked.</summary>
    public required IReadOnlyList<ChartedStream> Charts { get; init; }

    /// <summary>The two-point comparison, when a server capture was given.</summary>
    public TwoPointResults? TwoPoint { get; init; }

    /// <summary>Problems met while reading (damaged files): the report covers what was readable.</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>When the report was made.</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>The options it was made with.</summary>
    public required ReportOptions Options { get; init; }
}
