using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;

namespace TcpLens.Reports.Overview;

/// <summary>
/// One way of calling a session bad, and the measure that orders the worst first: each is a
/// table of the report. A session with no measure (null or zero) is not ranked at all.
/// </summary>
public sealed class SessionRanking
{
    private readonly Func<Session, long?> _key;

    private SessionRanking(string id, string title, string label, string description, Func<Session, long?> key)
    {
        Id = id;
        Title = title;
        Label = label;
        Description = description;
        _key = key;
    }

    /// <summary>Short machine name, also the HTML id of the table.</summary>
    public string Id { get; }

    /// <summary>Section heading.</summary>
    public string Title { get; }

    /// <summary>What it ranks by, a few words ("loss"), for phrases such as "#1 by loss".</summary>
    public string Label { get; }

    /// <summary>What the ranking measures, one sentence for the reader.</summary>
    public string Description { get; }

    /// <summary>The ranking measure of <paramref name="session"/>, or null when it does not rank (nothing bad of this kind).</summary>
    public long? Key(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return _key(session) is { } k && k > 0 ? k : null;
    }

    /// <summary>Frames the capture point never saw: Wireshark's lost_segment plus ack_lost_segment.</summary>
    public static SessionRanking Loss { get; } = new("loss", "Worst sessions by loss", "loss",
        "Ranked by frames marked lost_segment (previous segment not captured) plus ack_lost_segment (ACKed segment not captured).",
        s => s.Count(AnalysisFlags.LostSegment) + s.Count(AnalysisFlags.AckLostSegment));

    /// <summary>Frames marked retransmission (fast and spurious ones included, as Wireshark counts them).</summary>
    public static SessionRanking Retransmissions { get; } = new("retransmissions", "Worst sessions by retransmissions", "retransmissions",
        "Ranked by frames marked retransmission (Wireshark counts fast and spurious retransmissions there too).",
        s => s.Count(AnalysisFlags.Retransmission));

    /// <summary>From the first SYN to the first SYN/ACK.</summary>
    public static SessionRanking HandshakeDelay { get; } = new("handshake", "Slowest handshakes (SYN → SYN/ACK)", "SYN→SYN/ACK delay",
        "Ranked by the time from the client's first SYN to the server's first SYN/ACK; SYN retransmissions make it long.",
        s => s.SynAckDelayNs);

    /// <summary>Mean ACK round-trip time.</summary>
    public static SessionRanking Rtt { get; } = new("rtt", "Highest round-trip times", "RTT",
        "Ranked by the mean of Wireshark's ACK RTT samples (tcp.analysis.ack_rtt, both directions); min and max beside it.",
        s => s.RttAvgNs);

    /// <summary>Connection attempts the server never answered in the capture (<see cref="SynAnswerNames.IsUnanswered"/>), by the SYNs sent.</summary>
    public static SessionRanking Unanswered { get; } = new("unanswered", "Connection attempts never answered", "unanswered SYNs",
        "Sessions whose SYNs got no answer at all in the capture (no SYN/ACK, no RST, no challenge ACK): the server is down, or the SYNs or the answers were dropped; ranked by the SYNs sent.",
        s => SynAnswerNames.IsUnanswered(s.SynAnswer) ? Math.Max(1, s.ClientToServer.Syns) : null);

    /// <summary>Connection attempts answered, but not with a SYN/ACK: refused with a RST, or met by an RFC 5961 challenge ACK; by the SYNs sent.</summary>
    public static SessionRanking Refused { get; } = new("refused", "Connection attempts refused or challenged", "refused or challenged attempts",
        "Sessions whose first SYN the server answered without a SYN/ACK: a RST (nothing listens on the port, or a firewall rejects it), or an RFC 5961 challenge ACK (the server still holds an older connection on these ports; the client's RST clears it); ranked by the SYNs sent.",
        s => s.SynAnswer is SynAnswer.Reset or SynAnswer.ChallengeAck ? Math.Max(1, s.ClientToServer.Syns) : null);

    /// <summary>Every ranking, in the report's order.</summary>
    public static IReadOnlyList<SessionRanking> All { get; } = [Loss, Retransmissions, HandshakeDelay, Rtt, Unanswered, Refused];
}
