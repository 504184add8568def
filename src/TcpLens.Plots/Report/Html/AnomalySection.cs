using System.Text;
using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;
using static TcpLens.Plots.Report.Html.Text;
using TcpLens.Reports.Overview;

namespace TcpLens.Plots.Report.Html;

/// <summary>Anomaly totals over every session: analysis flags, connection events, states and closes.</summary>
internal static class AnomalySection
{
    // Zeek's conn_state values in words (client = originator).
    private static readonly Dictionary<ConnState, string> StateMeaning = new()
    {
        [ConnState.S0] = "SYN seen, no reply",
        [ConnState.S1] = "established, not closed in the capture",
        [ConnState.SF] = "established and closed normally",
        [ConnState.REJ] = "connection attempt rejected (RST)",
        [ConnState.S2] = "established, only the client's close seen",
        [ConnState.S3] = "established, only the server's close seen",
        [ConnState.RSTO] = "established, the client reset it",
        [ConnState.RSTR] = "established, the server reset it",
        [ConnState.RSTOS0] = "client sent SYN then RST, no SYN/ACK",
        [ConnState.RSTRH] = "server sent SYN/ACK then RST, no SYN seen",
        [ConnState.SH] = "client sent SYN then FIN, no SYN/ACK",
        [ConnState.SHR] = "server sent SYN/ACK then FIN, no SYN seen",
        [ConnState.OTH] = "no SYN seen: the capture started mid-connection",
    };

    public static void Write(StringBuilder html, ReportModel model)
    {
        AnomalyTotals t = model.Totals;
        html.Append("<section id=\"anomalies\"><h2>Anomaly totals</h2>\n");
        Blocks.Note(html, $"Frames carrying each of Wireshark's TCP analysis flags, summed over all {Count(t.Sessions)} sessions, and the sessions with at least one. The filter shows them in Wireshark.");
        var flags = new SortableTable("anomaly-flags",
        [
            new("Analysis flag"), new("Frames", true), new("Sessions", true), new("Share of sessions", true), new("Display filter"),
        ]);
        for (int i = 0; i < AnalysisFlagNames.All.Count; i++)
        {
            var flag = (AnalysisFlags)(1 << i);
            long sessions = t.SessionsWith(flag);
            flags.Add(
            [
                Cell.Of(AnalysisFlagNames.Name(flag).Replace('_', ' ')), Cell.Count(t.Frames(flag)), Cell.Count(sessions),
                new Cell(Percent(sessions, t.Sessions), t.Sessions == 0 ? 0 : (double)sessions / t.Sessions),
                new Cell(Blocks.Filter("tcp.analysis." + AnalysisFlagNames.Name(flag))),
            ], $"data-flag=\"{E(AnalysisFlagNames.Name(flag))}\"");
        }
        flags.Write(html);

        html.Append("<h3>Connection events</h3>\n");
        var events = new SortableTable("connection-events", [new("Event"), new("Sessions", true), new("Display filter")]);
        events.Add([Cell.Of("client sent a RST"), Cell.Count(t.ClientResets), Cell.Empty]);
        events.Add([Cell.Of("server sent a RST"), Cell.Count(t.ServerResets), Cell.Empty]);
        events.Add([Cell.Of("SYN never answered (no SYN/ACK, RST or challenge ACK)"), Cell.Count(t.Unanswered), Cell.Empty], "data-event=\"unanswered\"");
        events.Add([Cell.Of("SYN refused with a RST"), Cell.Count(t.Refused), Cell.Empty], "data-event=\"refused\"");
        events.Add([Cell.Of("SYN answered by a challenge ACK (RFC 5961: the server held an older connection on these ports)"), Cell.Count(t.Challenged), Cell.Empty], "data-event=\"challenged\"");
        events.Add([Cell.Of("SYN retransmitted by the client"), Cell.Count(t.SynRetransmitted), new Cell(Blocks.Filter("tcp.flags.syn == 1 and tcp.flags.ack == 0 and tcp.analysis.retransmission"))]);
        events.Add([Cell.Of("ICMP errors quoting a connection (frames)"), Cell.Count(t.IcmpErrors), new Cell(Blocks.Filter("icmp.type == 3 or icmpv6.type == 1"))]);
        events.Write(html);

        html.Append("<h3>Handshake delay (SYN → SYN/ACK)</h3>\n");
        Blocks.Facts(html,
        [
            ("Handshakes", Count(t.Handshakes)),
            ("Median", t.SynAckDelayPercentile(0.5) is { } p50 ? Ms(p50) + " ms" : "–"),
            ("95th percentile", t.SynAckDelayPercentile(0.95) is { } p95 ? Ms(p95) + " ms" : "–"),
            ("Maximum", t.SynAckDelayPercentile(1) is { } max ? Ms(max) + " ms" : "–"),
        ]);

        html.Append("<h3>Connection states and closes</h3>\n");
        Blocks.Note(html, "Beside each state, how the server answered the client's first SYN: the attempts counted above, state by state.");
        var states = new SortableTable("states",
        [
            new("Zeek state"), new("Sessions", true), new("Meaning"),
            new("SYN unanswered", true, "first SYN got no answer in the capture"),
            new("Refused (RST)", true, "first SYN answered by a RST"),
            new("Challenge ACK", true, "first SYN answered by an RFC 5961 challenge ACK"),
        ]);
        foreach ((ConnState state, long n) in t.States)
        {
            string name = ConnStateNames.Name(state);
            states.Add(
            [
                Cell.Of(name), Cell.Count(n), Cell.Of(StateMeaning.GetValueOrDefault(state, "")),
                Cell.Count(t.InState(state, SynAnswer.None)), Cell.Count(t.InState(state, SynAnswer.Reset)), Cell.Count(t.InState(state, SynAnswer.ChallengeAck)),
            ], $"data-state=\"{E(name)}\"");
        }
        states.Write(html);
        var closes = new SortableTable("closed-by", [new("Closed by"), new("Sessions", true)]);
        foreach ((ClosedBy how, long n) in t.ClosedBy)
        {
            closes.Add([Cell.Of(ClosedByNames.Name(how)), Cell.Count(n)]);
        }
        closes.Write(html);
        html.Append("</section>\n");
    }
}
