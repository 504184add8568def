using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;
using TcpLens.Capture;

namespace TcpLens.Plots.Report;

/// <summary>
/// Collects what an HTML report shows. One sessions pass over the capture (on
/// <see cref="ReportOptions.Workers"/> threads) yields the overview, the anomaly totals and the
/// worst sessions at once; the charted streams are then re-read in one partial pass over their
/// frame range only. So a report costs about one <c>tcplens sessions</c> run, plus the
/// two-point passes when a server capture is given.
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
        TopSessions[] tops = [.. SessionRanking.All.Select(r => new TopSessions(r, options.Top))];
        var overview = new CaptureOverview.Builder();
        var totals = new AnomalyTotals();
        CaptureOverview summary;
        List<RankedSessions> rankings;
        var locations = new Dictionary<int, SessionLocation>();
        using (TcpCapture capture = TcpCapture.Open(files, options.Analysis))
        {
            var formats = new List<CaptureFormat> { capture.Reader.Format };
            foreach (Session s in capture.Sessions(options.Workers))
            {
                overview.Add(s);
                totals.Add(s);
                foreach (TopSessions top in tops)
                {
                    top.Add(s);
                }
                options.Progress?.Invoke(capture.Reader.Name, capture.Reader.Position);
            }
            if (!formats.Contains(capture.Reader.Format))
            {
                formats.Add(capture.Reader.Format);
            }
            summary = overview.Build(capture.Reader, formats, capture.FirstFrameTime);
            rankings = [.. tops.Select(t => new RankedSessions(t.Ranking, t.Worst(), t.Ranked))];
            // file-local frame numbers only mean something when there are several files
            if (capture.Reader.Files.Count > 1)
            {
                foreach (Session s in rankings.SelectMany(r => r.Worst))
                {
                    locations[s.Stream] = SessionLocation.Of(capture.Reader, s.FirstFrame, s.LastFrame);
                }
            }
        }
        var warnings = new List<string>(summary.ReadErrors);
        IReadOnlyList<ChartedStream> charts = ChartDrawing.Draw(files, ChartPicker.Pick(rankings, options.Charts), options.Analysis);
        TwoPointResults? twoPoint = options.ServerCapture is { } server ? TwoPointResults.Run(files, server, options, warnings) : null;
        return new ReportModel
        {
            Overview = summary,
            Totals = totals,
            Rankings = rankings,
            Locations = locations,
            Charts = charts,
            TwoPoint = twoPoint,
            Warnings = warnings,
            GeneratedAt = options.GeneratedAt ?? DateTimeOffset.UtcNow,
            Options = options,
        };
    }
}
