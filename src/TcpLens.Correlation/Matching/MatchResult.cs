using TcpLens.Capture;
using TcpLens.Capture.Decoding;
using TcpLens.Correlation.Facts;

namespace TcpLens.Correlation.Matching;

/// <summary>How a client stream was tied to a server stream, strongest first.</summary>
public enum MatchMethod
{
    /// <summary>Same SYN sequence number, same addresses and ports.</summary>
    Isn,
    /// <summary>Same SYN sequence number; addresses or ports were translated on the path (NAT).</summary>
    IsnNat,
    /// <summary>The sequence number was rewritten on the path: matched on the SYN's IP ID, options, timestamps, timing and first data lengths.</summary>
    SynFingerprint,
    /// <summary>No SYN at one side (a capture started mid-connection): matched on addresses and ports (or the NAT mapping learned from other streams) and overlapping sequence ranges.</summary>
    Midstream,
}

/// <summary>Machine names of <see cref="MatchMethod"/> (CSV and JSON).</summary>
public static class MatchMethodNames
{
    /// <summary>"isn", "isn+nat", "syn-fingerprint" or "midstream".</summary>
    public static string Name(this MatchMethod method) => method switch
    {
        MatchMethod.Isn => "isn",
        MatchMethod.IsnNat => "isn+nat",
        MatchMethod.SynFingerprint => "syn-fingerprint",
        _ => "midstream",
    };
}

/// <summary>One connection seen in both captures.</summary>
public sealed record MatchedStream(
    StreamFacts ClientSide,
    StreamFacts ServerSide,
    MatchMethod Method,
    string Evidence,
    uint SeqOffsetC2S,
    uint SeqOffsetS2C)
{
    /// <summary>
    /// A packet's sequence and acknowledgement numbers as the server capture shows them, in the
    /// client capture's numbering (the learned offsets removed). Without the ACK flag the
    /// acknowledgement field is no sequence number (0 on a SYN) and is left as it is.
    /// </summary>
    public (uint Seq, uint Ack) ToClientNumbering(bool clientToServer, uint seq, uint ack, bool hasAck) =>
        (clientToServer ? unchecked(seq - SeqOffsetC2S) : unchecked(seq + SeqOffsetS2C),
         !hasAck ? ack : clientToServer ? unchecked(ack + SeqOffsetS2C) : unchecked(ack - SeqOffsetC2S));

    /// <summary>True when the server saw other addresses or ports than the client did.</summary>
    public bool Translated =>
        ClientSide.Client != ServerSide.Client || ClientSide.Server != ServerSide.Server;
}

/// <summary>
/// Client connection attempts the server capture never saw, one row per SYN sequence number:
/// the table for the firewall team.
/// </summary>
/// <param name="Isn">The SYN's sequence number.</param>
/// <param name="ClientStreams">The client capture's streams that sent it (more than one when the client reused it).</param>
/// <param name="SynCount">SYNs sent with it, retransmissions included.</param>
/// <param name="Source">The client's address and port, the SYN's sender.</param>
/// <param name="Destination">The server's address and port the SYN was sent to.</param>
/// <param name="FirstTime">Time of the first of those SYNs (client clock).</param>
/// <param name="LastTime">Time of the last.</param>
/// <param name="Answered">The client capture holds an answer from the server (a SYN/ACK or any packet back).</param>
public sealed record MissingSyn(
    uint Isn,
    IReadOnlyList<int> ClientStreams,
    int SynCount,
    Endpoint Source,
    Endpoint Destination,
    Timestamp FirstTime,
    Timestamp LastTime,
    bool Answered);

/// <summary>A stream seen at one capture point only.</summary>
public sealed record UnmatchedStream(StreamFacts Stream, string Reason);

/// <summary>A client stream with several equally good server candidates: reported, never guessed.</summary>
public sealed record AmbiguousMatch(StreamFacts ClientSide, IReadOnlyList<StreamFacts> Candidates, string Reason);

/// <summary>An address (and port) the client used and how the server saw it.</summary>
public sealed record NatMapping(string Role, NetAddress ClientView, NetAddress ServerView, int Streams, int PortsKept);

/// <summary>
/// The whole answer of <see cref="StreamMatcher"/>. With <see cref="MatchOptions.Servers"/>,
/// every list holds only the connections to those servers.
/// </summary>
public sealed record MatchResult(
    CaptureFacts Client,
    CaptureFacts Server,
    ClockOffset Clock,
    IReadOnlyList<MatchedStream> Matched,
    IReadOnlyList<MissingSyn> Missing,
    IReadOnlyList<MissingSyn> MissingOutsideSpan,
    IReadOnlyList<UnmatchedStream> ServerOnly,
    IReadOnlyList<UnmatchedStream> ServerOnlyOutsideSpan,
    IReadOnlyList<AmbiguousMatch> Ambiguous,
    IReadOnlyList<NatMapping> Nat)
{
    /// <summary>Whether the captures look given client side first, from the handshakes of the matched connections.</summary>
    public CaptureOrder Order { get; init; } = CaptureOrder.None;
}
