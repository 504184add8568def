using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;
using TcpLens.Reports.Overview;

namespace TcpLens.Plots.Report.Html;

/// <summary>The figures each table of worst sessions shows beside the endpoints: the ranking's measure first, then what explains it.</summary>
internal static class RankingColumns
{
    public static IReadOnlyList<(TableColumn Column, Func<Session, Cell> Value)> For(SessionRanking ranking) => ranking.Id switch
    {
        "loss" =>
        [
            (new("Lost segments", true, "tcp.analysis.lost_segment: frames after a gap the capture did not see"), s => Cell.Count(s.Count(AnalysisFlags.LostSegment))),
            (new("ACKed unseen", true, "tcp.analysis.ack_lost_segment: ACKs of data the capture did not see"), s => Cell.Count(s.Count(AnalysisFlags.AckLostSegment))),
            (new("Retrans.", true, "tcp.analysis.retransmission frames"), s => Cell.Count(s.Count(AnalysisFlags.Retransmission))),
            (new("Dup ACKs", true, "tcp.analysis.duplicate_ack frames"), s => Cell.Count(s.Count(AnalysisFlags.DuplicateAck))),
            (new("Frames", true, "TCP frames, both directions"), s => Cell.Count(s.ClientToServer.Packets + s.ServerToClient.Packets)),
        ],
        "retransmissions" =>
        [
            (new("Retrans.", true, "tcp.analysis.retransmission frames (fast and spurious included)"), s => Cell.Count(s.Count(AnalysisFlags.Retransmission))),
            (new("Fast", true, "tcp.analysis.fast_retransmission frames"), s => Cell.Count(s.Count(AnalysisFlags.FastRetransmission))),
            (new("Spurious", true, "tcp.analysis.spurious_retransmission frames: resent data the receiver already had"), s => Cell.Count(s.Count(AnalysisFlags.SpuriousRetransmission))),
            (new("By client", true, "retransmissions sent by the client"), s => Cell.Count(s.ClientToServer.Flags[AnalysisFlags.Retransmission])),
            (new("By server", true, "retransmissions sent by the server"), s => Cell.Count(s.ServerToClient.Flags[AnalysisFlags.Retransmission])),
            (new("Frames", true, "TCP frames, both directions"), s => Cell.Count(s.ClientToServer.Packets + s.ServerToClient.Packets)),
        ],
        "handshake" =>
        [
            (new("SYN→SYN/ACK (ms)", true, "from the client's first SYN to the server's first SYN/ACK"), s => Cell.Ms(s.SynAckDelayNs)),
            (new("SYNs", true, "SYN frames the client sent (more than one: retransmitted)"), s => Cell.Count(s.ClientToServer.Syns)),
            (new("Initial RTT (ms)", true, "tcp.analysis.initial_rtt: from the last SYN to the first ACK"), s => Cell.Ms(s.InitialRttNs)),
        ],
        "rtt" =>
        [
            (new("RTT avg (ms)", true, "mean of the tcp.analysis.ack_rtt samples"), s => Cell.Ms(s.RttAvgNs)),
            (new("RTT min (ms)", true, "smallest ACK RTT sample"), s => Cell.Ms(s.RttMinNs)),
            (new("RTT max (ms)", true, "largest ACK RTT sample"), s => Cell.Ms(s.RttMaxNs)),
            (new("Samples", true, "ACK RTT samples"), s => Cell.Count(s.RttSamples)),
            (new("Initial RTT (ms)", true, "tcp.analysis.initial_rtt"), s => Cell.Ms(s.InitialRttNs)),
        ],
        "refused" =>
        [
            (new("Answer", false, "what the server sent back to the first SYN"), s => Cell.Of(AnswerText(s.SynAnswer))),
            (new("SYNs", true, "SYN frames the client sent"), s => Cell.Count(s.ClientToServer.Syns)),
            (new("Frames", true, "TCP frames, both directions"), s => Cell.Count(s.ClientToServer.Packets + s.ServerToClient.Packets)),
        ],
        _ =>
        [
            (new("SYNs", true, "SYN frames the client sent"), s => Cell.Count(s.ClientToServer.Syns)),
            (new("ICMP errors", true, "ICMP errors quoting the connection's packets"), s => Cell.Count(s.IcmpErrors)),
        ],
    };

    /// <summary>How the server answered the first SYN, in words.</summary>
    public static string AnswerText(SynAnswer answer) => answer switch
    {
        SynAnswer.Reset => "refused (RST)",
        SynAnswer.ChallengeAck => "challenge ACK (RFC 5961)",
        SynAnswer.SynAck => "SYN/ACK",
        SynAnswer.None => "no answer",
        _ => "no SYN in the capture",
    };
}
