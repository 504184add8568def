using TcpLens.Analysis.Sessions;
using TcpLens.Plots.Report;

namespace TcpLens.Plots.Tests;

public class ReportPartsTests
{
    [Fact]
    public void Inline_svg_loses_its_prolog_and_gets_prefixed_ids_a_view_box_and_a_label()
    {
        const string svg = """<?xml version="1.0" encoding="utf-8" ?><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="900" height="480"><clipPath id="cl_1"><rect width="1" height="1"/></clipPath><g clip-path="url(#cl_1)"><use xlink:href="#cl_1"/></g></svg>""";

        string inline = InlineSvg.Prepare(svg, "s7-rtt", "RTT <chart>");

        Assert.StartsWith("<svg xmlns=", inline, StringComparison.Ordinal);
        Assert.Contains("id=\"s7-rtt-cl_1\"", inline, StringComparison.Ordinal);
        Assert.Contains("url(#s7-rtt-cl_1)", inline, StringComparison.Ordinal);
        Assert.Contains("xlink:href=\"#s7-rtt-cl_1\"", inline, StringComparison.Ordinal);
        Assert.Contains("viewBox=\"0 0 900 480\"", inline, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"RTT &lt;chart&gt;\"", inline, StringComparison.Ordinal);
        Assert.DoesNotContain("<?xml", inline, StringComparison.Ordinal);
    }

    [Fact]
    public void Top_sessions_keep_the_worst_and_break_ties_by_the_lower_stream()
    {
        var top = new TopSessions(SessionRanking.Rtt, 3);
        long?[] rtts = [5, null, 9, 5, 5, 1, 9];
        for (int i = rtts.Length - 1; i >= 0; i--)
        {
            top.Add(new Session { Stream = i, RttAvgNs = rtts[i] });
        }

        Assert.Equal([2, 6, 0], top.Worst().Select(s => s.Stream));
        Assert.Equal(6, top.Ranked);
    }

    [Fact]
    public void Unanswered_attempts_rank_by_their_syns_and_an_answer_other_than_a_syn_ack_is_not_unanswered()
    {
        Assert.Null(SessionRanking.Unanswered.Key(new Session { State = ConnState.SF, SynAnswer = SynAnswer.SynAck }));
        Assert.Equal(4, SessionRanking.Unanswered.Key(new Session { State = ConnState.S0, SynAnswer = SynAnswer.None, ClientToServer = new SessionDirection { Syns = 4 } }));
        // refused with a RST (REJ), or met by a challenge ACK and reset by the client (RSTOS0): answered
        Assert.Null(SessionRanking.Unanswered.Key(new Session { State = ConnState.REJ, SynAnswer = SynAnswer.Reset }));
        Assert.Null(SessionRanking.Unanswered.Key(new Session { State = ConnState.RSTOS0, SynAnswer = SynAnswer.ChallengeAck }));
        Assert.Equal(1, SessionRanking.Refused.Key(new Session { State = ConnState.REJ, SynAnswer = SynAnswer.Reset }));
        Assert.Equal(2, SessionRanking.Refused.Key(new Session { State = ConnState.RSTOS0, SynAnswer = SynAnswer.ChallengeAck, ClientToServer = new SessionDirection { Syns = 2 } }));
        Assert.Null(SessionRanking.Refused.Key(new Session { State = ConnState.S0, SynAnswer = SynAnswer.None }));
        // a connection whose SYN the capture does not hold was not an attempt seen
        Assert.Null(SessionRanking.Unanswered.Key(new Session { State = ConnState.OTH, SynAnswer = SynAnswer.NoSyn }));
    }
}
