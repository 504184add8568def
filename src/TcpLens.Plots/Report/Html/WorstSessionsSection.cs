using System.Text;
using TcpLens.Analysis.Sessions;
using static TcpLens.Plots.Report.Html.Text;
using TcpLens.Reports.Overview;

namespace TcpLens.Plots.Report.Html;

/// <summary>One table per ranking: the worst sessions with their endpoints, times, the ranking's figures and display filters.</summary>
internal static class WorstSessionsSection
{
    /// <summary>The section's HTML id for <paramref name="ranking"/>; the table's is this plus "-table".</summary>
    public static string Id(SessionRanking ranking) => "worst-" + ranking.Id;

    public static void Write(StringBuilder html, ReportModel model, RankedSessions ranked)
    {
        SessionRanking ranking = ranked.Ranking;
        html.Append("<section id=\"").Append(Id(ranking)).Append("\"><h2>").Append(E(ranking.Title)).Append("</h2>\n");
        Blocks.Note(html, ranked.Worst.Count == 0
            ? ranking.Description + " No session has any."
            : $"{ranking.Description} {Count(ranked.Ranked)} sessions rank; the worst {Count(ranked.Worst.Count)} are listed. Click a heading to sort.");
        if (ranked.Worst.Count == 0)
        {
            html.Append("</section>\n");
            return;
        }
        var metrics = RankingColumns.For(ranking);
        var charted = model.Charts.Select(c => c.Session.Stream).ToHashSet();
        var table = new SortableTable(Id(ranking) + "-table",
        [
            new("#", true, "place in this ranking (1 = worst)"), new("Stream", true, "tcp.stream"), new("Client"), new("Server"),
            new("Start (s)", true, "seconds after the capture's first frame; hover for the time"), new("Duration (s)", true),
            .. metrics.Select(m => m.Column),
            new("State", false, "Zeek conn_state"), new("Closed by"), new("Wireshark display filter"),
        ]);
        long origin = model.Overview.FirstFrame?.TotalNanoseconds ?? 0;
        for (int i = 0; i < ranked.Worst.Count; i++)
        {
            Session s = ranked.Worst[i];
            string stream = charted.Contains(s.Stream)
                ? $"<a href=\"#stream-{I(s.Stream)}\" title=\"charts of this stream\">{I(s.Stream)}</a>"
                : I(s.Stream);
            table.Add(
            [
                Cell.Count(i + 1), new Cell(stream, s.Stream), Cell.Of(s.Client.ToString()), Cell.Of(s.Server.ToString()),
                new Cell(Seconds(s.Start.TotalNanoseconds - origin), s.Start.TotalNanoseconds - origin, Utc(s.Start)),
                Cell.Seconds(s.DurationNs),
                .. metrics.Select(m => m.Value(s)),
                Cell.Of(ConnStateNames.Name(s.State), "history " + s.History), Cell.Of(ClosedByNames.Name(s.ClosedBy)),
                FilterCell(model, s),
            ], $"data-stream=\"{I(s.Stream)}\"");
        }
        table.Write(html);
        html.Append("</section>\n");
    }

    /// <summary>
    /// <c>tcp.stream eq N</c>; for several files also where the session sits in each file
    /// opened alone, where stream numbers differ: the file, its frame range and the endpoints.
    /// </summary>
    public static Cell FilterCell(ReportModel model, Session s)
    {
        var html = new StringBuilder(Blocks.Filter(WiresharkFilter.Stream(s.Stream)));
        if (model.Locations.TryGetValue(s.Stream, out SessionLocation at))
        {
            IReadOnlyList<string> files = model.Overview.Files;
            string where = at.FirstFile == at.LastFile
                ? $"in {Path.GetFileName(files[at.FirstFile])} alone:"
                : $"from {Path.GetFileName(files[at.FirstFile])} frame {I(at.FirstFrameInFile)} to {Path.GetFileName(files[at.LastFile])} frame {I(at.LastFrameInFile)}:";
            html.Append("<small>").Append(E(where)).Append("</small>");
            if (at.FirstFile == at.LastFile)
            {
                html.Append(Blocks.Filter(WiresharkFilter.FrameRange(at.FirstFrameInFile, at.LastFrameInFile))).Append("<br>");
            }
            html.Append(Blocks.Filter(WiresharkFilter.Endpoints(s)));
        }
        return new Cell(html.ToString(), Title: "tcp.stream counts connections in the capture as read (several files: merged in order, mergecap -a)");
    }
}
