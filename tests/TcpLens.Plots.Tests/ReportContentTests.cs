using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;
using TcpLens.Capture.Tests.Support;
using TcpLens.Plots.Report;
using static TcpLens.Plots.Tests.ReportTestSupport;

namespace TcpLens.Plots.Tests;

public class ReportContentTests
{
    private static readonly string Lossy = TestCapture("lossy.pcap");
    private static readonly string Https = TestCapture("https-download.pcap");
    private static readonly string Resets = TestCapture("concurrent-resets.pcap");

    [Fact]
    public void Worst_tables_list_the_streams_the_sessions_rank_worst_in_order()
    {
        string[] files = [Lossy, Https];
        (ReportModel model, string html) = MakeReport(files);
        List<Session> sessions = Sessions(files);

        Assert.Equal(2, sessions.Count);
        Assert.Equal(Expected(sessions, s => s.Count(AnalysisFlags.LostSegment) + s.Count(AnalysisFlags.AckLostSegment), 20),
            Streams(Table(html, "worst-loss-table")!));
        Assert.Equal(Expected(sessions, s => s.Count(AnalysisFlags.Retransmission), 20), Streams(Table(html, "worst-retransmissions-table")!));
        Assert.Equal(Expected(sessions, s => s.SynAckDelayNs, 20), Streams(Table(html, "worst-handshake-table")!));
        Assert.Equal(Expected(sessions, s => s.RttAvgNs, 20), Streams(Table(html, "worst-rtt-table")!));
        // the https download lost more than the small lossy one: it is the worst
        Assert.Equal(1, Streams(Table(html, "worst-loss-table")!)[0]);
        Assert.Equal(sessions.Count, model.Overview.Sessions);
        Assert.Equal(sessions.Sum(s => s.ClientToServer.Packets + s.ServerToClient.Packets), model.Overview.TcpFrames);
    }

    [Fact]
    public void Many_streams_rank_like_an_independent_sort_and_top_limits_the_rows()
    {
        (_, string html) = MakeReport([Resets], new ReportOptions { Top = 3, Charts = 0 });
        List<Session> sessions = Sessions([Resets]);

        List<int> rtt = Streams(Table(html, "worst-rtt-table")!);
        Assert.Equal(3, rtt.Count);
        Assert.Equal(Expected(sessions, s => s.RttAvgNs, 3), rtt);
        Assert.Equal(Expected(sessions, s => s.SynAckDelayNs, 3), Streams(Table(html, "worst-handshake-table")!));
        Assert.Equal(Expected(sessions, s => s.Count(AnalysisFlags.Retransmission), 3), Streams(Table(html, "worst-retransmissions-table")!));
        Assert.Contains("Charts were not asked for", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_and_anomaly_totals_add_up_over_the_sessions()
    {
        (ReportModel model, string html) = MakeReport([Resets]);
        List<Session> sessions = Sessions([Resets]);

        foreach (AnalysisFlags flag in new[] { AnalysisFlags.Retransmission, AnalysisFlags.DuplicateAck, AnalysisFlags.LostSegment })
        {
            Assert.Equal(sessions.Sum(s => (long)s.Count(flag)), model.Totals.Frames(flag));
            Assert.Equal(sessions.Count(s => s.Count(flag) > 0), model.Totals.SessionsWith(flag));
        }
        Assert.Equal(sessions.Count(s => s.ClientRstFrame != 0), model.Totals.ClientResets);
        Assert.Equal(sessions.Count(s => s.ServerRstFrame != 0), model.Totals.ServerResets);
        Assert.True(model.Totals.ClientResets > 0, "the scenario has client resets");
        Assert.Equal(911, model.Overview.Frames);
        Assert.Contains("id=\"summary\"", html, StringComparison.Ordinal);
        Assert.Contains("tcp.analysis.duplicate_ack", Table(html, "anomaly-flags")!, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#anomalies\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_row_has_its_display_filter_and_several_files_add_where_to_look_in_each()
    {
        string dir = Directory.CreateTempSubdirectory("tcplens-report-").FullName;
        string first = Path.Combine(dir, "https-0.pcap"), second = Path.Combine(dir, "https-1.pcap");
        PcapSplit.Split(Https, first, second);

        (_, string single) = MakeReport([Https]);
        (ReportModel model, string split) = MakeReport([first, second, Lossy]);

        Assert.Contains("<code class=\"filter\">tcp.stream eq 0</code>", Table(single, "worst-loss-table")!, StringComparison.Ordinal);
        Assert.DoesNotContain("frame.number", single, StringComparison.Ordinal);
        string loss = Table(split, "worst-loss-table")!;
        Assert.Contains("tcp.stream eq 1", loss, StringComparison.Ordinal);
        // the download spans both halves; the lossy connection is all in the third file
        Assert.Contains("from https-0.pcap frame ", loss, StringComparison.Ordinal);
        Assert.Contains("in lossy.pcap alone:", loss, StringComparison.Ordinal);
        Assert.Contains("frame.number &gt;= 8 and frame.number &lt;= 416", loss, StringComparison.Ordinal);
        Assert.Contains("ip.addr eq 10.77.1.2 and tcp.port eq ", loss, StringComparison.Ordinal);
        Assert.Equal(2, model.Locations.Count);
    }

    [Fact]
    public void Charts_are_inline_svg_for_the_worst_streams()
    {
        (ReportModel model, string html) = MakeReport([Lossy, Https], new ReportOptions { Charts = 2 });

        Assert.Equal([1, 0], model.Charts.Select(c => c.Session.Stream));
        foreach (int stream in new[] { 0, 1 })
        {
            int at = html.IndexOf($"<section class=\"stream\" id=\"stream-{stream}\"", StringComparison.Ordinal);
            Assert.True(at > 0, $"stream {stream} has a chart block");
            string block = html[at..html.IndexOf("</section>", at, StringComparison.Ordinal)];
            Assert.Equal(3, block.Split("<svg").Length - 1);
            Assert.Contains($"<a href=\"#stream-{stream}\"", html, StringComparison.Ordinal);
        }
        // ids of one chart never collide with another's
        var ids = System.Text.RegularExpressions.Regex.Matches(html, " id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Nothing_outside_the_file_is_referenced()
    {
        (_, string html) = MakeReport([Lossy, Https]);

        Assert.All(Links(html), link => Assert.StartsWith("#", link, StringComparison.Ordinal));
        Assert.DoesNotContain("<script src", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(http", html, StringComparison.OrdinalIgnoreCase);
        string withoutNamespaces = System.Text.RegularExpressions.Regex.Replace(html, "xmlns(:\\w+)?=\"http://www\\.w3\\.org/[^\"]*\"", "");
        Assert.DoesNotContain("http://", withoutNamespaces, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", withoutNamespaces, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_from_the_capture_side_is_escaped()
    {
        string dir = Directory.CreateTempSubdirectory("tcplens-report-").FullName;
        string odd = Path.Combine(dir, "<i>a&b\"'.pcap");
        File.Copy(Lossy, odd);

        (_, string html) = MakeReport([odd]);

        Assert.DoesNotContain("<i>a&b", html, StringComparison.Ordinal);
        Assert.Contains("&lt;i&gt;a&amp;b&quot;&#39;.pcap", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_damaged_file_gives_a_warning_and_a_report_of_what_was_readable()
    {
        string dir = Directory.CreateTempSubdirectory("tcplens-report-").FullName;
        string cut = Path.Combine(dir, "cut.pcap");
        byte[] bytes = File.ReadAllBytes(Https);
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2 + 7)]);

        (ReportModel model, string html) = MakeReport([cut]);

        Assert.NotEmpty(model.Warnings);
        Assert.Contains("id=\"warnings\"", html, StringComparison.Ordinal);
        Assert.True(model.Overview.Frames > 100);
        Assert.Single(Streams(Table(html, "worst-loss-table")!));
    }
}
