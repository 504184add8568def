using System.Globalization;
using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;

namespace TcpLens.Data.Tables;

/// <summary>The columns of <c>tcplens sessions</c>: DESIGN.md's contract first, then more.</summary>
public static class SessionRow
{
    private const ColumnKind I = ColumnKind.Integer;
    private const ColumnKind D = ColumnKind.Decimal;

    /// <summary>The columns, in output order.</summary>
    public static readonly Column[] Columns =
    [
        new("stream", I), new("client"), new("client_port", I), new("server"), new("server_port", I),
        new("start", D), new("end", D), new("duration", D), new("state"), new("history"), new("closed_by"),
        new("syn_ack_delay", D), new("irtt", D), new("packets_c2s", I), new("packets_s2c", I),
        new("bytes_c2s", I), new("bytes_s2c", I), new("retransmissions", I), new("lost_segments", I),
        new("ack_lost_segments", I), new("dup_acks", I), new("out_of_order", I), new("zero_windows", I),
        new("rtt_min", D), new("rtt_avg", D), new("rtt_max", D), new("isn_client", I), new("isn_server", I),
        new("first_frame", I), new("last_frame", I),
        // beyond the contract
        new("client_by"), new("syns", I), new("syn_acks", I),
        new("retransmissions_c2s", I), new("retransmissions_s2c", I), new("fast_retransmissions", I),
        new("spurious_retransmissions", I), new("lost_segments_c2s", I), new("lost_segments_s2c", I),
        new("window_full", I), new("window_updates", I), new("zero_window_probes", I), new("zero_window_probe_acks", I),
        new("keep_alives", I), new("keep_alive_acks", I),
        new("reused_ports", I), new("rtt_samples", I), new("min_window_client", I), new("min_window_server", I),
        new("mss_client", I), new("mss_server", I), new("wscale_client", I), new("wscale_server", I),
        new("sack_client"), new("sack_server"), new("wire_bytes_c2s", I), new("wire_bytes_s2c", I), new("icmp_errors", I),
        new("gaps_c2s", I), new("gaps_s2c", I), new("missed_bytes_c2s", I), new("missed_bytes_s2c", I), new("file"),
    ];

    /// <summary>The cells of one row; empty strings are absent values.</summary>
    public static string[] Cells(Session s, string file)
    {
        var inv = CultureInfo.InvariantCulture;
        SessionDirection c = s.ClientToServer, v = s.ServerToClient;
        string N(long? x) => x is { } n ? n.ToString(inv) : "";
        string T(long? ns) => PacketRow.Seconds(ns);
        return
        [
            N(s.Stream), s.Client.ToString(), N(s.ClientPort), s.Server.ToString(), N(s.ServerPort),
            s.Start.ToString(), s.End.ToString(), T(s.DurationNs), s.State, s.History, ClosedByNames.Name(s.ClosedBy),
            T(s.SynAckDelayNs), T(s.InitialRttNs), N(c.Packets), N(v.Packets),
            N(c.PayloadBytes), N(v.PayloadBytes), N(s.Count(AnalysisFlags.Retransmission)), N(s.Count(AnalysisFlags.LostSegment)),
            N(s.Count(AnalysisFlags.AckLostSegment)), N(s.Count(AnalysisFlags.DuplicateAck)), N(s.Count(AnalysisFlags.OutOfOrder)),
            N(s.Count(AnalysisFlags.ZeroWindow)),
            T(s.RttMinNs), T(s.RttAvgNs), T(s.RttMaxNs), N(c.Isn), N(v.Isn),
            N(s.FirstFrame), N(s.LastFrame),
            ClientChoiceName(s.ClientChoice), N(c.Syns), N(v.Syns),
            N(c.Flags[AnalysisFlags.Retransmission]), N(v.Flags[AnalysisFlags.Retransmission]),
            N(s.Count(AnalysisFlags.FastRetransmission)), N(s.Count(AnalysisFlags.SpuriousRetransmission)),
            N(c.Flags[AnalysisFlags.LostSegment]), N(v.Flags[AnalysisFlags.LostSegment]),
            N(s.Count(AnalysisFlags.WindowFull)), N(s.Count(AnalysisFlags.WindowUpdate)), N(s.Count(AnalysisFlags.ZeroWindowProbe)),
            N(s.Count(AnalysisFlags.ZeroWindowProbeAck)), N(s.Count(AnalysisFlags.KeepAlive)), N(s.Count(AnalysisFlags.KeepAliveAck)), N(s.Count(AnalysisFlags.ReusedPorts)), N(s.RttSamples),
            N(c.MinWindow), N(v.MinWindow), N(c.Mss), N(v.Mss), N(c.WindowScale), N(v.WindowScale),
            c.SackPermitted ? "true" : "false", v.SackPermitted ? "true" : "false", N(c.WireBytes), N(v.WireBytes), N(s.IcmpErrors),
            N(c.Gaps), N(v.Gaps), N(c.MissedBytes), N(v.MissedBytes), file,
        ];
    }

    /// <summary>Machine name of how the client was chosen.</summary>
    public static string ClientChoiceName(ClientChoice choice) => choice switch
    {
        ClientChoice.Syn => "syn",
        ClientChoice.SynAck => "syn_ack",
        ClientChoice.Port => "port",
        _ => "first_packet",
    };
}
