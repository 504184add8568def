using System.Text.RegularExpressions;
using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;
using TcpLens.Capture.Tests.Support;
using TcpLens.Plots.Report;

namespace TcpLens.Plots.Tests;

/// <summary>Builds reports of the project's captures and reads them back the way a reader (or a browser) would.</summary>
internal static partial class ReportTestSupport
{
    public static string TestCapture(string name) => Path.Combine(TestPaths.TestData, name);

    public static readonly DateTimeOffset Fixed = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static (ReportModel Model, string Html) MakeReport(IReadOnlyList<string> files, ReportOptions? options = null)
    {
        ReportModel model = ReportBuilder.Build(files, (options ?? new ReportOptions()) with { GeneratedAt = Fixed });
        return (model, HtmlReport.Render(model));
    }

    /// <summary>The sessions of a timeline computed independently of the report (one thread).</summary>
    public static List<Session> Sessions(IReadOnlyList<string> files)
    {
        using TcpCapture capture = TcpCapture.Open(files);
        return [.. capture.Sessions()];
    }

    /// <summary>The expected order of a ranking: measure descending, ties by stream, only sessions with a measure.</summary>
    public static List<int> Expected(IEnumerable<Session> sessions, Func<Session, long?> key, int top) =>
        [.. sessions.Select(s => (s.Stream, Key: key(s))).Where(x => x.Key is > 0)
            .OrderByDescending(x => x.Key).ThenBy(x => x.Stream).Take(top).Select(x => x.Stream)];

    /// <summary>The HTML of the table with id <paramref name="id"/>, or null.</summary>
    public static string? Table(string html, string id)
    {
        int start = html.IndexOf($"<table class=\"sortable\" id=\"{id}\">", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }
        int end = html.IndexOf("</table>", start, StringComparison.Ordinal);
        return html[start..end];
    }

    /// <summary>The data-stream values of a table's body rows, in order.</summary>
    public static List<int> Streams(string? table) => table is null ? [] :
        [.. StreamRow().Matches(table).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>Every src and href attribute value in the page.</summary>
    public static List<string> Links(string html) => [.. Link().Matches(html).Select(m => m.Groups[2].Value)];

    [GeneratedRegex("<tr data-stream=\"(\\d+)\"")]
    private static partial Regex StreamRow();

    [GeneratedRegex("\\b(src|href)\\s*=\\s*[\"']([^\"']*)[\"']", RegexOptions.IgnoreCase)]
    private static partial Regex Link();
}
