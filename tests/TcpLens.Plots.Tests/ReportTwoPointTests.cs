using System.Globalization;
using TcpLens.Correlation.Comparison;
using TcpLens.Correlation.Matching;
using TcpLens.Plots.Report;
using static TcpLens.Plots.Tests.ReportTestSupport;

namespace TcpLens.Plots.Tests;

public class ReportTwoPointTests
{
    [Theory]
    [InlineData("pair-client.pcap", "pair-server.pcap")]
    [InlineData("twopoint/loss-client.pcap", "twopoint/loss-server.pcap")]
    [InlineData("twopoint/firewall-client.pcap", "twopoint/firewall-server.pcap")]
    public void Match_adds_the_figures_of_compare(string clientName, string serverName)
    {
        string client = TestCapture(clientName), server = TestCapture(serverName);
        MatchResult match = StreamMatcher.Match(client, server);
        ComparisonResult compare = PacketComparer.Compare(client, server, match);

        (ReportModel model, string html) = MakeReport([client], new ReportOptions { ServerCapture = server, Charts = 1 });

        TwoPointResults r = model.TwoPoint!;
        Assert.Equal(match.Clock.OffsetNs, r.Match.Clock.OffsetNs);
        Assert.Equal(match.Matched.Count, r.Match.Matched.Count);
        Assert.Equal(match.Missing.Count, r.Match.Missing.Count);
        Assert.Equal(compare.TotalClientToServer.Lost, r.Comparison.TotalClientToServer.Lost);
        Assert.Equal(compare.TotalServerToClient.Lost, r.Comparison.TotalServerToClient.Lost);
        Assert.Equal(compare.Verdict, r.Comparison.Verdict);

        Assert.Contains("<a href=\"#two-point\">", html, StringComparison.Ordinal);
        Assert.Contains(match.Clock.Seconds.ToString("+0.000000;-0.000000", CultureInfo.InvariantCulture) + " s", html, StringComparison.Ordinal);
        Assert.Contains($"<div class=\"label\">Matched streams</div><div class=\"value\">{match.Matched.Count}</div>", html, StringComparison.Ordinal);
        Assert.Equal([.. match.Matched.Select(m => m.ClientSide.Stream).Order()], Streams(Table(html, "two-point-streams")!).Order());
        Assert.Contains(System.Net.WebUtility.HtmlEncode(compare.Verdict[0]), html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_pair_shows_the_blocked_syns_as_missing()
    {
        (ReportModel model, string html) = MakeReport([TestCapture("pair-client.pcap")], new ReportOptions { ServerCapture = TestCapture("pair-server.pcap"), Charts = 0 });

        Assert.Equal(4, model.TwoPoint!.Match.Matched.Count);
        string missing = Table(html, "two-point-missing")!;
        Assert.Contains("10.77.2.2:8081", missing, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"two-point\"", MakeReport([TestCapture("pair-client.pcap")], new ReportOptions { Charts = 0 }).Html, StringComparison.Ordinal);
    }
}
