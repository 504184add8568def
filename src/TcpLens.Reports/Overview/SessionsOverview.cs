using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;
using TcpLens.Capture;

namespace TcpLens.Reports.Overview;

/// <summary>
/// What one sessions pass over a capture says about it as a whole: what was read, the anomalies
/// summed over every session, the worst sessions of each <see cref="SessionRanking"/>, and where
/// those sit in the files. The sessions stream past (on <see cref="OverviewOptions.Workers"/>
/// threads) and only the worst are kept, so memory follows <see cref="OverviewOptions.Top"/>,
/// not the capture; the pass costs about one <c>tcplens sessions</c> run.
/// </summary>
public sealed class SessionsOverview
{
    /// <summary>What was read.</summary>
    public required CaptureOverview Overview { get; init; }

    /// <summary>Anomalies summed over all sessions.</summary>
    public required AnomalyTotals Totals { get; init; }

    /// <summary>The worst sessions, one list per ranking, in <see cref="SessionRanking.All"/> order.</summary>
    public required IReadOnlyList<RankedSessions> Rankings { get; init; }

    /// <summary>Where the ranked sessions sit in the files, by stream; empty for a single file.</summary>
    public required IReadOnlyDictionary<int, SessionLocation> Locations { get; init; }

    /// <summary>
    /// Reads <paramref name="files"/> (one timeline, in this order). Throws
    /// <see cref="CaptureFormatException"/> when the first file is not a capture; damage further
    /// on ends up in <see cref="CaptureOverview.ReadErrors"/>.
    /// </summary>
    public static SessionsOverview Collect(IReadOnlyList<string> files, OverviewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        options ??= new OverviewOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Top);
        TopSessions[] tops = [.. SessionRanking.All.Select(r => new TopSessions(r, options.Top))];
        var overview = new CaptureOverview.Builder();
        var totals = new AnomalyTotals();
        var locations = new Dictionary<int, SessionLocation>();
        using TcpCapture capture = TcpCapture.Open(files, options.Analysis);
        var formats = new List<CaptureFormat> { capture.Reader.Format };
        foreach (Session s in capture.Sessions(options.Workers))
        {
            overview.Add(s);
            totals.Add(s);
            foreach (TopSessions top in tops)
            {
                top.Add(s);
            }
        }
        if (!formats.Contains(capture.Reader.Format))
        {
            formats.Add(capture.Reader.Format);
        }
        List<RankedSessions> rankings = [.. tops.Select(t => new RankedSessions(t.Ranking, t.Worst(), t.Ranked))];
        // file-local frame numbers only mean something when there are several files
        if (capture.Reader.Files.Count > 1)
        {
            foreach (Session s in rankings.SelectMany(r => r.Worst))
            {
                locations[s.Stream] = SessionLocation.Of(capture.Reader, s.FirstFrame, s.LastFrame);
            }
        }
        return new SessionsOverview
        {
            Overview = overview.Build(capture.Reader, formats, capture.FirstFrameTime),
            Totals = totals,
            Rankings = rankings,
            Locations = locations,
        };
    }
}
