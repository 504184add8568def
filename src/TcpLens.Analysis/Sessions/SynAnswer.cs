namespace TcpLens.Analysis.Sessions;

/// <summary>How the server answered the client's first SYN, as far as the capture shows.</summary>
public enum SynAnswer
{
    /// <summary>The capture holds no SYN from the client: the connection was open before the capture began, or its SYN was not captured.</summary>
    NoSyn,
    /// <summary>No answer from the server in the capture (it is down, filtered, or the SYNs or answers were lost).</summary>
    None,
    /// <summary>A SYN/ACK: the handshake went ahead.</summary>
    SynAck,
    /// <summary>A RST: nothing listens on the port, or a firewall rejects the connection.</summary>
    Reset,
    /// <summary>
    /// A bare ACK that does not acknowledge the SYN: an RFC 5961 challenge ACK. The server still
    /// holds an earlier connection on these ports (the client forgot it, or a firewall dropped
    /// its close); the client's stack answers it with a RST that clears the old connection.
    /// </summary>
    ChallengeAck,
}

/// <summary>Stable snake_case names of <see cref="SynAnswer"/>.</summary>
public static class SynAnswerNames
{
    /// <summary>no_syn, none, syn_ack, reset or challenge_ack.</summary>
    public static string Name(SynAnswer value) => value switch
    {
        SynAnswer.None => "none",
        SynAnswer.SynAck => "syn_ack",
        SynAnswer.Reset => "reset",
        SynAnswer.ChallengeAck => "challenge_ack",
        _ => "no_syn",
    };

    /// <summary>True for an attempt the server never answered in the capture (a refusal or a challenge ACK is an answer).</summary>
    public static bool IsUnanswered(SynAnswer value) => value == SynAnswer.None;
}
