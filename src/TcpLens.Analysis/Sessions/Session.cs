using TcpLens.Capture;
using TcpLens.Capture.Decoding;

namespace TcpLens.Analysis.Sessions;

/// <summary>
/// One TCP connection (one <c>tcp.stream</c>) and how it went: what <c>tcplens sessions</c>
/// prints, one row each. Times are nanoseconds; null marks a value the capture does not give.
/// </summary>
public sealed record Session
{
    /// <summary><c>tcp.stream</c>.</summary>
    public int Stream { get; init; }

    /// <summary>The client's address and port (<see cref="ClientChoice"/> tells how it was told from the server).</summary>
    public Endpoint Client { get; init; }

    /// <summary>The server's address and port.</summary>
    public Endpoint Server { get; init; }

    /// <summary>How the client was told from the server.</summary>
    public ClientChoice ClientChoice { get; init; }

    /// <summary>The stream's first frame came from the client (Wireshark's conversation "A" side is the first frame's sender).</summary>
    public bool ClientSentFirst { get; init; }

    /// <summary>Time of the first frame.</summary>
    public Timestamp Start { get; init; }

    /// <summary>Time of the last frame.</summary>
    public Timestamp End { get; init; }

    /// <summary>End minus start.</summary>
    public long DurationNs { get; init; }

    /// <summary>First frame number.</summary>
    public long FirstFrame { get; init; }

    /// <summary>Last frame number.</summary>
    public long LastFrame { get; init; }

    /// <summary>Zeek's <c>conn_state</c>, with the client as originator (<see cref="ConnStateNames"/> gives its text).</summary>
    public ConnState State { get; init; }

    /// <summary>Zeek's <c>history</c> letters, client upper case.</summary>
    public string History { get; init; } = "";

    /// <summary>Who started the close, and how.</summary>
    public ClosedBy ClosedBy { get; init; }

    /// <summary>How the server answered the client's first SYN.</summary>
    public SynAnswer SynAnswer { get; init; }

    /// <summary>From the first SYN to the first SYN/ACK (Wireshark's ack RTT of the SYN/ACK), null without both.</summary>
    public long? SynAckDelayNs { get; init; }

    /// <summary>Wireshark's <c>tcp.analysis.initial_rtt</c>: from the last SYN to the first ACK.</summary>
    public long? InitialRttNs { get; init; }

    /// <summary>What the client sent.</summary>
    public SessionDirection ClientToServer { get; init; } = new();

    /// <summary>What the server sent.</summary>
    public SessionDirection ServerToClient { get; init; } = new();

    /// <summary>
    /// When the connection became open: the client's first ACK after the server's SYN/ACK, or
    /// the first frame when the capture has no SYN or SYN/ACK (it was open before); null when it
    /// never completed its handshake.
    /// </summary>
    public Timestamp? EstablishedAt { get; init; }

    /// <summary>Time of the first SYN without ACK (a new connection attempt), or null when the capture holds none.</summary>
    public Timestamp? FirstSynAt { get; init; }

    /// <summary>Time of the first FIN or RST from either side.</summary>
    public Timestamp? ClosingAt { get; init; }

    /// <summary>Frame of the client's first RST, 0 when none.</summary>
    public long ClientRstFrame { get; init; }

    /// <summary>Time of the client's first RST.</summary>
    public Timestamp? ClientRstAt { get; init; }

    /// <summary>Frame of the server's first RST, 0 when none.</summary>
    public long ServerRstFrame { get; init; }

    /// <summary>Time of the server's first RST.</summary>
    public Timestamp? ServerRstAt { get; init; }

    /// <summary>Open (handshake done, not yet closing) at <paramref name="t"/>.</summary>
    public bool IsOpenAt(Timestamp t) =>
        EstablishedAt is { } from && from <= t && (ClosingAt is not { } until || t < until);

    /// <summary>ICMP errors quoting this connection's packets (destination unreachable...), not counted as packets of either side.</summary>
    public int IcmpErrors { get; init; }

    /// <summary>ACK RTT samples (<c>tcp.analysis.ack_rtt</c>, both directions).</summary>
    public int RttSamples { get; init; }

    /// <summary>Smallest ACK RTT sample.</summary>
    public long? RttMinNs { get; init; }

    /// <summary>Mean of the ACK RTT samples.</summary>
    public long? RttAvgNs { get; init; }

    /// <summary>Largest ACK RTT sample.</summary>
    public long? RttMaxNs { get; init; }

    /// <summary>Frames of either side that carried <paramref name="flag"/>.</summary>
    public int Count(AnalysisFlags flag) => ClientToServer.Flags[flag] + ServerToClient.Flags[flag];
}
