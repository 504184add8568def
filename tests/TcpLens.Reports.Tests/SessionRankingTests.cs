using TcpLens.Analysis.Sessions;
using TcpLens.Reports.Overview;

namespace TcpLens.Reports.Tests;

public class SessionRankingTests
{
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
