using TcpLens.Correlation.Facts;
using TcpLens.Correlation.Matching;
using A = TcpLens.Results.Columns<TcpLens.Correlation.Matching.AmbiguousMatch>;
using M = TcpLens.Results.Columns<TcpLens.Correlation.Matching.MatchedStream>;
using U = TcpLens.Results.Columns<TcpLens.Results.Tables.SidedStream>;
using X = TcpLens.Results.Columns<TcpLens.Correlation.Matching.MissingSyn>;

namespace TcpLens.Results.Tables;

/// <summary>A stream of one capture that matched nothing, and which capture it is in.</summary>
/// <param name="Side">"client" or "server": the capture it is in.</param>
/// <param name="Unmatched">The stream and why it did not match.</param>
public sealed record SidedStream(string Side, UnmatchedStream Unmatched);

/// <summary>The sections of <c>tcplens match</c>, one table each.</summary>
public static class MatchTables
{
    private static string Tuple(StreamFacts s) => $"{s.Client}->{s.Server}";

    /// <summary>Matched streams: which client stream is which server stream, and how that was told.</summary>
    public static Table<MatchedStream> Matched { get; } = new("matched", "A client-side stream and the server-side stream of the same connection.",
    [
        M.Integer("client_stream", "tcp.stream in the client capture", m => m.ClientSide.Stream),
        M.Integer("server_stream", "tcp.stream in the server capture", m => m.ServerSide.Stream),
        M.Integer("isn", "the client's initial sequence number as the client capture shows it", m => m.ClientSide.ClientIsn),
        M.Integer("server_isn", "the client's initial sequence number as the server capture shows it (differs through a sequence-randomising firewall)", m => m.ServerSide.ClientIsn),
        M.Text("client_tuple", "the connection as the client capture shows it: client->server", m => Tuple(m.ClientSide)),
        M.Text("server_tuple", "the connection as the server capture shows it (differs through NAT)", m => Tuple(m.ServerSide)),
        M.Integer("syn_count_client", "SYNs of the client in the client capture", m => m.ClientSide.Syns.Count, label: "syns_c"),
        M.Integer("syn_count_server", "SYNs of the client in the server capture", m => m.ServerSide.Syns.Count, label: "syns_s"),
        M.Text("method", "how the streams were matched: isn, isn_nat, fingerprint, midstream...", m => m.Method.Name()),
        M.Text("evidence", "what matched", m => m.Evidence),
        M.Integer("seq_offset_c2s", "what the path added to the client's sequence numbers (signed)", m => (int)m.SeqOffsetC2S, label: "off_c2s"),
        M.Integer("seq_offset_s2c", "what the path added to the server's sequence numbers (signed)", m => (int)m.SeqOffsetS2C, label: "off_s2c"),
        M.Time("client_start", "the stream's first frame in the client capture", m => m.ClientSide.Start),
        M.Time("server_start", "the stream's first frame in the server capture", m => m.ServerSide.Start),
    ], new Dictionary<string, string[]>
    {
        ["default"] = ["client_stream", "server_stream", "isn", "client_tuple", "server_tuple", "syn_count_client", "syn_count_server", "method"],
    });

    /// <summary>Client SYNs the server capture never saw while it was running, grouped by sequence number.</summary>
    public static Table<MissingSyn> Missing { get; } = new("missing", "A connection attempt whose SYNs never reached the server capture.",
    [
        X.Numbers("client_stream", "the client capture's streams holding these SYNs", m => m.ClientStreams.Select(i => (long)i)),
        X.Integer("isn", "the SYNs' sequence number", m => m.Isn),
        X.Integer("syn_count", "SYN transmissions", m => m.SynCount, label: "syns"),
        X.Address("src", "the client's address", m => m.Source.Address),
        X.Integer("srcport", "the client's port", m => m.Source.Port),
        X.Address("dst", "the server's address", m => m.Destination.Address),
        X.Integer("dstport", "the server's port", m => m.Destination.Port),
        X.Time("first_time", "the first SYN", m => m.FirstTime),
        X.Time("last_time", "the last SYN", m => m.LastTime),
        X.Boolean("answered", "the client capture shows an answer (SYN/ACK or RST) from the server", m => m.Answered),
    ]);

    /// <summary>Streams of one capture that match nothing in the other (server-only, or outside the other's time span).</summary>
    public static Table<SidedStream> Streams { get; } = new("unmatched", "A stream only one capture holds, and why.",
    [
        U.Text("side", "the capture that holds it: client or server", u => u.Side),
        U.Integer("stream", "tcp.stream in that capture", u => u.Unmatched.Stream.Stream),
        U.Address("client", "the client's address", u => u.Unmatched.Stream.Client.Address),
        U.Integer("client_port", "the client's port", u => u.Unmatched.Stream.Client.Port),
        U.Address("server", "the server's address", u => u.Unmatched.Stream.Server.Address),
        U.Integer("server_port", "the server's port", u => u.Unmatched.Stream.Server.Port),
        U.Integer("syn_count", "SYNs of the client", u => u.Unmatched.Stream.Syns.Count, label: "syns"),
        U.Integer("packets", "TCP frames both ways", u => u.Unmatched.Stream.PacketsC2S + u.Unmatched.Stream.PacketsS2C, "frames"),
        U.Time("first_time", "the stream's first frame", u => u.Unmatched.Stream.Start),
        U.Time("last_time", "the stream's last frame", u => u.Unmatched.Stream.End),
        U.Text("reason", "why it matched nothing", u => u.Unmatched.Reason),
    ], new Dictionary<string, string[]>
    {
        ["default"] = ["side", "stream", "client", "client_port", "server", "server_port", "syn_count", "packets", "reason"],
    });

    /// <summary>Client streams with several equally good candidates, left unmatched.</summary>
    public static Table<AmbiguousMatch> Ambiguous { get; } = new("ambiguous", "A client stream that could be any of several server streams.",
    [
        A.Integer("client_stream", "tcp.stream in the client capture", a => a.ClientSide.Stream),
        A.Numbers("candidates", "the server streams it could be", a => a.Candidates.Select(c => (long)c.Stream)),
        A.Text("client_tuple", "the connection as the client capture shows it", a => Tuple(a.ClientSide)),
        A.Text("reason", "why no candidate is better", a => a.Reason),
    ]);
}
