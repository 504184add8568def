using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;
using TcpLens.Analysis.Timelines;
using S = TcpLens.Results.Columns<TcpLens.Analysis.Timelines.TimelineSession>;

namespace TcpLens.Results.Tables;

/// <summary>The sessions table: one row per TCP connection (tcp.stream), DESIGN.md's contract first, then more.</summary>
public static class SessionsTable
{
    /// <summary>The table.</summary>
    public static Table<TimelineSession> Table { get; } = Build();

    private static long? F(TimelineSession t, AnalysisFlags flag) => t.Session.Count(flag);

    private static Table<TimelineSession> Build()
    {
        Column<TimelineSession>[] columns =
        [
            S.Integer("stream", "Wireshark's tcp.stream (within its timeline)", t => t.Session.Stream),
            S.Address("client", "the client's address: the sender of the first SYN, else the receiver of the first SYN/ACK, else by ports (client_by)", t => t.Session.Client.Address),
            S.Integer("client_port", "the client's port", t => t.Session.Client.Port),
            S.Address("server", "the server's address", t => t.Session.Server.Address),
            S.Integer("server_port", "the server's port", t => t.Session.Server.Port),
            S.Time("start", "time of the first frame", t => t.Session.Start),
            S.Time("end", "time of the last frame", t => t.Session.End),
            S.Seconds("duration", "end minus start", t => t.Session.DurationNs),
            S.Text("state", "Zeek's conn_state with the client as originator (S0, S1, SF, REJ, S2, S3, RSTO, RSTR, RSTOS0, RSTRH, SH, SHR, OTH)", t => ConnStateNames.Name(t.Session.State)),
            S.Text("history", "Zeek's history letters, the client's in upper case", t => t.Session.History),
            S.Text("closed_by", "who started the close and how: client_fin, server_fin, client_rst, server_rst, both, none", t => ClosedByNames.Name(t.Session.ClosedBy)),
            S.Seconds("syn_ack_delay", "from the first SYN to the first SYN/ACK", t => t.Session.SynAckDelayNs, label: "syn_ack"),
            S.Seconds("irtt", "Wireshark's tcp.analysis.initial_rtt: from the last SYN to the first ACK", t => t.Session.InitialRttNs),
            S.Integer("packets_c2s", "TCP frames the client sent", t => t.Session.ClientToServer.Packets, "frames"),
            S.Integer("packets_s2c", "TCP frames the server sent", t => t.Session.ServerToClient.Packets, "frames"),
            S.Integer("bytes_c2s", "TCP payload bytes the client sent (retransmissions included)", t => t.Session.ClientToServer.PayloadBytes, "bytes"),
            S.Integer("bytes_s2c", "TCP payload bytes the server sent (retransmissions included)", t => t.Session.ServerToClient.PayloadBytes, "bytes"),
            S.Integer("retransmissions", "frames flagged tcp.analysis.retransmission (fast and spurious included)", t => F(t, AnalysisFlags.Retransmission), "frames", "retr"),
            S.Integer("lost_segments", "frames flagged tcp.analysis.lost_segment (previous segment not captured)", t => F(t, AnalysisFlags.LostSegment), "frames", "lost"),
            S.Integer("ack_lost_segments", "frames flagged tcp.analysis.ack_lost_segment (ACKed segment that wasn't captured)", t => F(t, AnalysisFlags.AckLostSegment), "frames", "acklost"),
            S.Integer("dup_acks", "frames flagged tcp.analysis.duplicate_ack", t => F(t, AnalysisFlags.DuplicateAck), "frames"),
            S.Integer("out_of_order", "frames flagged tcp.analysis.out_of_order", t => F(t, AnalysisFlags.OutOfOrder), "frames", "ooo"),
            S.Integer("zero_windows", "frames flagged tcp.analysis.zero_window", t => F(t, AnalysisFlags.ZeroWindow), "frames", "zwin"),
            S.Seconds("rtt_min", "smallest tcp.analysis.ack_rtt (both directions)", t => t.Session.RttMinNs),
            S.Seconds("rtt_avg", "mean tcp.analysis.ack_rtt", t => t.Session.RttAvgNs),
            S.Seconds("rtt_max", "largest tcp.analysis.ack_rtt", t => t.Session.RttMaxNs),
            S.Integer("isn_client", "the client's initial sequence number (raw)", t => t.Session.ClientToServer.Isn),
            S.Integer("isn_server", "the server's initial sequence number (raw)", t => t.Session.ServerToClient.Isn),
            S.Integer("first_frame", "frame number of the first frame (in the file's own numbering when files are stitched: see file)", t => t.Session.FirstFrame),
            S.Integer("last_frame", "frame number of the last frame", t => t.Session.LastFrame),
            // beyond the contract
            S.Text("client_by", "how the client was told: syn, syn_ack, port or first_packet", t => ClientChoiceNames.Name(t.Session.ClientChoice)),
            S.Integer("syns", "SYN frames the client sent (retransmissions included)", t => t.Session.ClientToServer.Syns, "frames"),
            S.Integer("syn_acks", "SYN/ACK frames the server sent", t => t.Session.ServerToClient.Syns, "frames"),
            S.Integer("retransmissions_c2s", "the client's retransmissions", t => t.Session.ClientToServer.Flags[AnalysisFlags.Retransmission], "frames"),
            S.Integer("retransmissions_s2c", "the server's retransmissions", t => t.Session.ServerToClient.Flags[AnalysisFlags.Retransmission], "frames"),
            S.Integer("fast_retransmissions", "frames flagged tcp.analysis.fast_retransmission", t => F(t, AnalysisFlags.FastRetransmission), "frames"),
            S.Integer("spurious_retransmissions", "frames flagged tcp.analysis.spurious_retransmission", t => F(t, AnalysisFlags.SpuriousRetransmission), "frames"),
            S.Integer("lost_segments_c2s", "lost_segment frames of the client's data", t => t.Session.ClientToServer.Flags[AnalysisFlags.LostSegment], "frames"),
            S.Integer("lost_segments_s2c", "lost_segment frames of the server's data", t => t.Session.ServerToClient.Flags[AnalysisFlags.LostSegment], "frames"),
            S.Integer("window_full", "frames flagged tcp.analysis.window_full", t => F(t, AnalysisFlags.WindowFull), "frames"),
            S.Integer("window_updates", "frames flagged tcp.analysis.window_update", t => F(t, AnalysisFlags.WindowUpdate), "frames"),
            S.Integer("zero_window_probes", "frames flagged tcp.analysis.zero_window_probe", t => F(t, AnalysisFlags.ZeroWindowProbe), "frames"),
            S.Integer("zero_window_probe_acks", "frames flagged tcp.analysis.zero_window_probe_ack", t => F(t, AnalysisFlags.ZeroWindowProbeAck), "frames"),
            S.Integer("keep_alives", "frames flagged tcp.analysis.keep_alive", t => F(t, AnalysisFlags.KeepAlive), "frames"),
            S.Integer("keep_alive_acks", "frames flagged tcp.analysis.keep_alive_ack", t => F(t, AnalysisFlags.KeepAliveAck), "frames"),
            S.Integer("reused_ports", "frames flagged tcp.analysis.reused_ports", t => F(t, AnalysisFlags.ReusedPorts), "frames"),
            S.Integer("rtt_samples", "ACK RTT samples", t => t.Session.RttSamples),
            S.Integer("min_window_client", "the smallest window the client advertised (scaled; SYN and RST left out)", t => t.Session.ClientToServer.MinWindow, "bytes"),
            S.Integer("min_window_server", "the smallest window the server advertised", t => t.Session.ServerToClient.MinWindow, "bytes"),
            S.Integer("mss_client", "the MSS option of the client's SYN", t => t.Session.ClientToServer.Mss, "bytes"),
            S.Integer("mss_server", "the MSS option of the server's SYN/ACK", t => t.Session.ServerToClient.Mss, "bytes"),
            S.Integer("wscale_client", "the window-scale shift the client offered", t => t.Session.ClientToServer.WindowScale),
            S.Integer("wscale_server", "the window-scale shift the server offered", t => t.Session.ServerToClient.WindowScale),
            S.Boolean("sack_client", "the client's SYN offered SACK", t => t.Session.ClientToServer.SackPermitted),
            S.Boolean("sack_server", "the server's SYN/ACK offered SACK", t => t.Session.ServerToClient.SackPermitted),
            S.Integer("wire_bytes_c2s", "frame bytes on the wire the client sent (frame.len, as tshark's conversation table counts them)", t => t.Session.ClientToServer.WireBytes, "bytes"),
            S.Integer("wire_bytes_s2c", "frame bytes on the wire the server sent", t => t.Session.ServerToClient.WireBytes, "bytes"),
            S.Integer("icmp_errors", "ICMP errors quoting this connection's packets", t => t.Session.IcmpErrors, "frames"),
            S.Integer("gaps_c2s", "content gaps in the client's data, as Zeek counts them", t => t.Session.ClientToServer.Gaps),
            S.Integer("gaps_s2c", "content gaps in the server's data", t => t.Session.ServerToClient.Gaps),
            S.Integer("missed_bytes_c2s", "the client's bytes the server acknowledged but the capture does not hold (Zeek's missed_bytes)", t => t.Session.ClientToServer.MissedBytes, "bytes"),
            S.Integer("missed_bytes_s2c", "the server's bytes the client acknowledged but the capture does not hold", t => t.Session.ServerToClient.MissedBytes, "bytes"),
            S.Text("file", "the file holding the session's first frame", t => t.File),
        ];
        var sets = new Dictionary<string, string[]>
        {
            ["default"] = ["stream", "client", "client_port", "server", "server_port", "state", "closed_by", "duration", "syn_ack_delay", "bytes_c2s", "bytes_s2c", "retransmissions", "lost_segments"],
            ["contract"] = [.. columns.Take(30).Select(c => c.Name)],
            ["timing"] = ["stream", "client", "client_port", "server", "server_port", "start", "end", "duration", "syn_ack_delay", "irtt", "rtt_min", "rtt_avg", "rtt_max", "rtt_samples"],
            ["counts"] = ["stream", "packets_c2s", "packets_s2c", "bytes_c2s", "bytes_s2c", "retransmissions", "fast_retransmissions", "spurious_retransmissions", "lost_segments", "ack_lost_segments", "dup_acks", "out_of_order", "zero_windows", "window_full"],
            ["handshake"] = ["stream", "client", "client_port", "server", "server_port", "state", "history", "client_by", "syns", "syn_acks", "syn_ack_delay", "irtt", "mss_client", "mss_server", "wscale_client", "wscale_server", "sack_client", "sack_server"],
            ["windows"] = ["stream", "min_window_client", "min_window_server", "zero_windows", "zero_window_probes", "zero_window_probe_acks", "window_full", "window_updates", "wscale_client", "wscale_server"],
            ["capture"] = ["stream", "first_frame", "last_frame", "gaps_c2s", "gaps_s2c", "missed_bytes_c2s", "missed_bytes_s2c", "ack_lost_segments", "icmp_errors", "file"],
        };
        return new Table<TimelineSession>("sessions", "One row per TCP connection (tcp.stream) and how it went.", columns, sets);
    }
}
