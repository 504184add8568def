using TcpLens.Analysis;
using TcpLens.Capture;
using TcpLens.Reports.Overview;

namespace TcpLens.Plots.Report;

/// <summary>
/// Collects what an HTML report shows. One sessions pass over the capture
/// (<see cref="SessionsOverview"/>, on <see cref="ReportOptions.Workers"/> threads) yields the
/// overview, the anomaly totals and the worst sessions at once; the charted streams are then
/// re-read in one partial pass over their frame range only. So a report costs about one
/// <c>tcplens sessions</c> run, plus the two-point passes when a server capture is given.
/// </summary>
public static class ReportBuilder
{
    /// <summary>
    /// Reads <paramref name="files"/> (one timeline, in this order). Throws
    /// <see cref="CaptureFormatException"/> when the first file (or the server capture) is not
    /// a capture; damage further on ends up in <see cref="ReportModel.Warnings"/>.
    /// </summary>
    public static ReportModel Build(IReadOnlyList<string> files, ReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0)
        {
            throw new ArgumentException("no capture files", nameof(files));
        }
        options ??= new ReportOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Top);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Charts);

        if (options.ServerCapture is { } serverFile)
        {
            // fail before the long pass, not after it, when the server side is no capture
            TcpCapture.Open(serverFile).Dispose();
        }
        SessionsOverview sessions = SessionsOverview.Collect(files, new OverviewOptions
        {
            Top = options.Top,
            Workers = options.Workers,
            Analysis = options.Analysis,
        });
        CaptureOverview summary = sessions.Overview;
        IReadOnlyList<RankedSessions> rankings = sessions.Rankings;
        var warnings = new List<string>(summary.ReadErrors);
        IReadOnlyList<ChartedStream> charts = ChartDrawing.Draw(files, ChartPicker.Pick(rankings, options.Charts), options.Analysis);
        TwoPointResults? twoPoint = options.ServerCapture is { } server ? TwoPointResults.Run(files, server, options, warnings) : null;
        return new ReportModel
        {
            Overview = summary,
            Totals = sessions.Totals,
            Rankings = rankings,
            Locations = sessions.Locations,
            Charts = charts,
            TwoPoint = twoPoint,
            Warnings = warnings,
            GeneratedAt = options.GeneratedAt ?? DateTimeOffset.UtcNow,
            Options = options,
        };
    }
}
