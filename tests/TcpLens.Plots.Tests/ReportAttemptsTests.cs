using System.Globalization;
using System.Text.RegularExpressions;
using TcpLens.Analysis.Sessions;
using TcpLens.Capture.Tests.Support;
using TcpLens.Plots.Report;
using TcpLens.Reports.Overview;
using static TcpLens.Plots.Tests.ReportTestSupport;

namespace TcpLens.Plots.Tests;

/// <summary>
/// Connection attempts in the report: an attempt answered by a RST (refused) or by an RFC 5961
/// challenge ACK is not "unanswered". The summary cards, the connection-events table, the tables
/// of attempts and the state table all count the same sessions.
/// </summary>
public partial class ReportAttemptsTests
{
    private static readonly SynAnswer[] Counted = [SynAnswer.None, SynAnswer.Reset, SynAnswer.ChallengeAck];

    private static string Key(SynAnswer a) => a switch
    {
        SynAnswer.None => "unanswered",
        SynAnswer.Reset => "refused",
        _ => "challenged",
    };

    // From one report (model and page): every figure about attempts, and the state table's columns, agree.
    private static void AssertFiguresAgreeWithTheStateTable(string capture)
    {
        (ReportModel model, string html) = MakeReport([capture], new ReportOptions { Charts = 0, Top = 1000 });
        List<Session> sessions = Sessions([capture]);
        AnomalyTotals t = model.Totals;

        Assert.Equal(t.Sessions, t.States.Sum(kv => kv.Value));
        string states = Table(html, "states")!;
        string events = Table(html, "connection-events")!;
        for (int i = 0; i < Counted.Length; i++)
        {
            SynAnswer answer = Counted[i];
            long expected = sessions.Count(s => s.SynAnswer == answer);
            Assert.Equal(expected, t.Attempts(answer));
            // the model's state table, state by state, is the sessions' own split
            foreach ((ConnState state, _) in t.States)
            {
                Assert.Equal(sessions.Count(s => s.State == state && s.SynAnswer == answer), t.InState(state, answer));
            }
            // the page: summary card, connection-events row and the state table's column
            Assert.Equal(expected, CardValue(html, Key(answer)));
            Assert.Equal(expected, RowValues(events, "data-event", Key(answer))[0]);
            Assert.Equal(expected, t.States.Sum(kv => RowValues(states, "data-state", ConnStateNames.Name(kv.Key))[1 + i]));
        }
        Assert.Equal(t.Unanswered, t.Attempts(SynAnswer.None));
        Assert.Equal(t.Refused + t.Challenged, t.Attempts(SynAnswer.Reset) + t.Attempts(SynAnswer.ChallengeAck));
        // the tables of attempts list exactly those sessions
        RankedSessions unanswered = model.Rankings.Single(r => r.Ranking == SessionRanking.Unanswered);
        RankedSessions refused = model.Rankings.Single(r => r.Ranking == SessionRanking.Refused);
        Assert.Equal(t.Unanswered, unanswered.Ranked);
        Assert.Equal(t.Refused + t.Challenged, refused.Ranked);
        Assert.Equal(sessions.Where(s => s.SynAnswer == SynAnswer.None).Select(s => s.Stream).Order(), Streams(Table(html, "worst-unanswered-table")).Order());
        Assert.Equal(sessions.Where(s => s.SynAnswer is SynAnswer.Reset or SynAnswer.ChallengeAck).Select(s => s.Stream).Order(),
            Streams(Table(html, "worst-refused-table")).Order());
    }

    [Theory]
    [InlineData("refused.pcap")]          // two SYNs to a closed port, each refused with RST/ACK
    [InlineData("pair-client.pcap")]      // two attempts whose four SYNs the router dropped
    [InlineData("syn-retry.pcap")]        // the third SYN answered
    [InlineData("concurrent-resets.pcap")]
    [InlineData("port-reuse.pcap")]
    public void Figures_agree_with_the_state_table(string capture) => AssertFiguresAgreeWithTheStateTable(TestCapture(capture));

    [SkippableFact]
    public void Figures_agree_with_the_state_table_on_a_capture_with_challenge_acks()
    {
        Skip.If(TestPaths.SharedCaptures is null, TestPaths.NoSharedCaptures);
        AssertFiguresAgreeWithTheStateTable(Path.Combine(TestPaths.SharedCaptures!, "suricata_tls-subjectaltname_input.pcap"));
    }

    [SkippableFact]
    public void Syns_met_by_a_challenge_ack_are_challenged_attempts_not_unanswered_ones()
    {
        Skip.If(TestPaths.SharedCaptures is null, TestPaths.NoSharedCaptures);
        string capture = Path.Combine(TestPaths.SharedCaptures!, "suricata_tls-subjectaltname_input.pcap");
        (ReportModel model, string html) = MakeReport([capture], new ReportOptions { Charts = 0, Top = 1000 });

        // streams 0 and 1: SYN, then a bare ACK from the server (challenge ACK), then the client's RST (Zeek RSTOS0)
        List<int> challenged = Streams(Table(html, "worst-refused-table"));
        Assert.Contains(0, challenged);
        Assert.Contains(1, challenged);
        Assert.DoesNotContain(0, Streams(Table(html, "worst-unanswered-table")));
        Assert.Contains("challenge ACK (RFC 5961)", Row(Table(html, "worst-refused-table")!, "data-stream", "0"), StringComparison.Ordinal);
        Assert.Equal(model.Totals.InState(ConnState.RSTOS0), model.Totals.InState(ConnState.RSTOS0, SynAnswer.ChallengeAck));
        Assert.True(model.Totals.Challenged >= 2);
        // stream 3's three SYNs got nothing back: that one is unanswered
        Assert.Contains(3, Streams(Table(html, "worst-unanswered-table")));
    }

    [Fact]
    public void Refused_attempts_are_refused_not_unanswered()
    {
        (ReportModel model, string html) = MakeReport([TestCapture("refused.pcap")], new ReportOptions { Charts = 0 });

        Assert.Equal(0, model.Totals.Unanswered);
        Assert.Equal(2, model.Totals.Refused);
        Assert.Equal(0, CardValue(html, "unanswered"));
        Assert.Equal(2, CardValue(html, "refused"));
        Assert.Equal([0, 1], Streams(Table(html, "worst-refused-table")));
        Assert.Contains("refused (RST)", Row(Table(html, "worst-refused-table")!, "data-stream", "1"), StringComparison.Ordinal);
        Assert.Contains("No session has any.", Section(html, "worst-unanswered"), StringComparison.Ordinal);
    }

    private static long CardValue(string html, string key)
    {
        Match m = CardRegex().Match(html[html.IndexOf($"data-card=\"{key}\"", StringComparison.Ordinal)..]);
        Assert.True(m.Success, $"no card {key}");
        return long.Parse(Digits().Replace(m.Groups[1].Value, ""), CultureInfo.InvariantCulture);
    }

    private static string Row(string table, string attribute, string value)
    {
        int start = table.IndexOf($"<tr {attribute}=\"{value}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no row {attribute}={value}");
        return table[start..table.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    // The sort values of a row's numeric cells, in order.
    private static List<long> RowValues(string table, string attribute, string value) =>
        [.. NumericCell().Matches(Row(table, attribute, value)).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    private static string Section(string html, string id)
    {
        int start = html.IndexOf($"<section id=\"{id}\">", StringComparison.Ordinal);
        return html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    [GeneratedRegex("<div class=\"value\">([^<]*)</div>")]
    private static partial Regex CardRegex();

    [GeneratedRegex("[^0-9]")]
    private static partial Regex Digits();

    [GeneratedRegex("<td class=\"num\" data-v=\"(\\d+)\"")]
    private static partial Regex NumericCell();
}
