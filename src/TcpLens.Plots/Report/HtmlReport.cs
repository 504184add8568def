using System.Text;
using TcpLens.Plots.Report.Html;
using static TcpLens.Plots.Report.Html.Text;
using TcpLens.Reports.Overview;

namespace TcpLens.Plots.Report;

/// <summary>
/// Writes a <see cref="ReportModel"/> as one self-contained HTML page: inline style, inline
/// script, inline SVG charts, nothing fetched from anywhere, so it opens offline and can be
/// attached to a ticket as it is.
/// </summary>
public static class HtmlReport
{
    /// <summary>The page as a string.</summary>
    public static string Render(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var sections = new List<(string Id, string Title, Action<StringBuilder> Write)>
        {
            ("summary", "Capture summary", h => SummarySection.Write(h, model)),
            ("anomalies", "Anomaly totals", h => AnomalySection.Write(h, model)),
        };
        foreach (RankedSessions ranked in model.Rankings)
        {
            sections.Add((WorstSessionsSection.Id(ranked.Ranking), ranked.Ranking.Title, h => WorstSessionsSection.Write(h, model, ranked)));
        }
        sections.Add(("charts", "Charts of the worst streams", h => ChartsSection.Write(h, model)));
        if (model.TwoPoint is { } twoPoint)
        {
            sections.Add(("two-point", "Two-point comparison", h => TwoPointSection.Write(h, model, twoPoint)));
        }

        string name = model.Overview.Files.Count == 1
            ? Path.GetFileName(model.Overview.Files[0])
            : $"{Path.GetFileName(model.Overview.Files[0])} and {model.Overview.Files.Count - 1} more files";
        var html = new StringBuilder(64 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"generator\" content=\"tcplens report\">\n")
            .Append("<title>tcplens report: ").Append(E(name)).Append("</title>\n")
            .Append("<style>\n").Append(ReportStyle.Css).Append("\n</style>\n")
            .Append("<script>\n").Append(ReportScript.ErrorTrap).Append("\n</script>\n")
            .Append("</head>\n<body>\n<header class=\"top\"><h1>TCP report: ").Append(E(name)).Append("</h1>\n<p>")
            .Append(E($"{Count(model.Overview.Sessions)} sessions, {Count(model.Overview.TcpFrames)} TCP frames · generated {model.GeneratedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC by tcplens"))
            .Append("</p></header>\n<main>\n<nav class=\"toc\"><h2>Contents</h2><ol>\n");
        foreach ((string id, string title, _) in sections)
        {
            html.Append("<li><a href=\"#").Append(id).Append("\">").Append(E(title)).Append("</a></li>\n");
        }
        html.Append("</ol></nav>\n");
        foreach ((_, _, Action<StringBuilder> write) in sections)
        {
            write(html);
        }
        html.Append("<footer>Made by tcplens report. Frame numbers, stream numbers and analysis flags are Wireshark's: paste a display filter into Wireshark to see the frames. ")
            .Append("Click a table heading to sort by it (again to reverse).</footer>\n</main>\n")
            .Append("<script>\n").Append(ReportScript.Sorting).Append("\n</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Writes the page to <paramref name="writer"/>.</summary>
    public static void Write(ReportModel model, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Render(model));
    }
}
