using TcpLens.Correlation.Comparison;
using TcpLens.Correlation.Matching;
using P = TcpLens.Results.Columns<TcpLens.Results.Tables.CompareRow>;

namespace TcpLens.Results.Tables;

/// <summary>
/// One row of <c>tcplens compare</c>: a matched stream, or a summary row ("unmatched": the
/// connections seen at one point only; "all": the sum of every row).
/// </summary>
public sealed record CompareRow(
    string? Label,
    MatchedStream? Match,
    DirectionComparison Up,
    DirectionComparison Down,
    ClockOffset Clock,
    DelayHistogram ServerThink,
    DelayHistogram ClientThink,
    int? MssClient = null,
    int? MssServer = null)
{
    /// <summary>The row of one matched stream.</summary>
    public static CompareRow Of(StreamComparison s, ClockOffset clock)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(null, s.Match, s.ClientToServer, s.ServerToClient, clock, s.ServerThink, s.ClientThink, s.MssAtClient, s.MssAtServer);
    }
}

/// <summary>The compare table: loss, duplication, reordering, delay and path changes per stream between the two capture points.</summary>
public static class CompareTable
{
    private static Cell StreamOr(CompareRow r, Func<MatchedStream, int> stream) =>
        r.Match is { } m ? Cell.Integer(stream(m)) : Cell.Text(r.Label);

    private static long? Min(DelayHistogram d) => d.Count > 0 ? d.Min : null;

    // a percentile read off the histogram is as exact as its buckets: to the microsecond
    private static long? Percentile(DelayHistogram d, double fraction) => d.Percentile(fraction) is { } ns ? (long)Math.Round(ns / 1000.0, MidpointRounding.AwayFromZero) * 1000 : null;

    /// <summary>The table.</summary>
    public static Table<CompareRow> Table { get; } = new("compare", "A matched stream compared frame by frame between the two points, then 'unmatched' and 'all'.",
    [
        new(new ColumnInfo("client_stream", ValueKind.Text, "tcp.stream in the client capture (a number), or 'unmatched' or 'all'", Nullable: false) { IntegerOrLabel = true }, (in CompareRow r) => StreamOr(r, m => m.ClientSide.Stream)),
        new(new ColumnInfo("server_stream", ValueKind.Text, "tcp.stream in the server capture, or 'unmatched' or 'all'", Nullable: false) { IntegerOrLabel = true }, (in CompareRow r) => StreamOr(r, m => m.ServerSide.Stream)),
        P.Integer("sent_c2s", "frames the client side sent (seen at the client capture)", r => r.Up.Sent, "frames"),
        P.Integer("sent_s2c", "frames the server side sent (seen at the server capture)", r => r.Down.Sent, "frames"),
        P.Integer("lost_c2s", "client frames that never reached the server capture while it was running", r => r.Up.Lost, "frames"),
        P.Integer("lost_s2c", "server frames that never reached the client capture", r => r.Down.Lost, "frames"),
        P.Integer("duplicated_c2s", "extra copies of client frames at the server capture", r => r.Up.Duplicated, "frames", "dup_c2s"),
        P.Integer("duplicated_s2c", "extra copies of server frames at the client capture", r => r.Down.Duplicated, "frames", "dup_s2c"),
        P.Integer("reordered_c2s", "client frames that arrived after a later one", r => r.Up.Reordered, "frames", "reord_c2s"),
        P.Integer("reordered_s2c", "server frames that arrived after a later one", r => r.Down.Reordered, "frames", "reord_s2c"),
        P.Seconds("delay_c2s_min", "smallest one-way delay client to server, after the clock offset", r => Min(r.Up.Delay)),
        P.Seconds("delay_c2s_median", "median one-way delay client to server", r => Percentile(r.Up.Delay, 0.5), "delay_c2s"),
        P.Seconds("delay_c2s_p99", "99th percentile of the one-way delay client to server", r => Percentile(r.Up.Delay, 0.99)),
        P.Seconds("delay_s2c_min", "smallest one-way delay server to client", r => Min(r.Down.Delay)),
        P.Seconds("delay_s2c_median", "median one-way delay server to client", r => Percentile(r.Down.Delay, 0.5), "delay_s2c"),
        P.Seconds("delay_s2c_p99", "99th percentile of the one-way delay server to client", r => Percentile(r.Down.Delay, 0.99)),
        P.Seconds("clock_offset", "the server capture's clock minus the client's, as estimated (the delays assume it)", r => r.Clock.OffsetNs),
        P.Integer("retrans_c2s", "retransmissions the client sent", r => r.Up.Retransmissions, "frames"),
        P.Integer("retrans_delivered_c2s", "of them, resends of frames that had already reached the server capture", r => r.Up.RetransmissionsOfDelivered, "frames"),
        P.Integer("retrans_s2c", "retransmissions the server sent", r => r.Down.Retransmissions, "frames"),
        P.Integer("retrans_delivered_s2c", "of them, resends of frames that had already reached the client capture", r => r.Down.RetransmissionsOfDelivered, "frames"),
        P.Integer("only_at_receiver_c2s", "client frames seen only at the server capture (sent before the client capture began, or made on the path)", r => r.Up.OnlyAtReceiver, "frames"),
        P.Integer("only_at_receiver_s2c", "server frames seen only at the client capture", r => r.Down.OnlyAtReceiver, "frames"),
        P.Integer("unobserved_c2s", "client frames in a direction the server capture never shows for the connection", r => r.Up.Unobserved, "frames"),
        P.Integer("unobserved_s2c", "server frames in a direction the client capture never shows", r => r.Down.Unobserved, "frames"),
        P.Integer("resegmented_c2s", "client frames cut differently at the other point (TSO/GRO), compared by bytes", r => r.Up.Resegmented, "frames"),
        P.Integer("resegmented_s2c", "server frames cut differently at the other point", r => r.Down.Resegmented, "frames"),
        P.Seconds("server_think_median", "median time from request data arriving to response data leaving, at the server capture", r => Percentile(r.ServerThink, 0.5)),
        P.Seconds("client_think_median", "median time from response data arriving to the next request, at the client capture", r => Percentile(r.ClientThink, 0.5)),
        P.Integer("hops_c2s", "TTL decrease client to server (routers between the points)", r => r.Up.Hops),
        P.Integer("hops_s2c", "TTL decrease server to client", r => r.Down.Hops),
        P.Integer("mss_client", "the MSS of the client's SYN at the client capture", r => r.MssClient, "bytes"),
        P.Integer("mss_at_server", "the MSS of the client's SYN at the server capture (less: clamped on the path)", r => r.MssServer, "bytes"),
        P.Integer("window_changed", "frames whose window field changed between the points", r => r.Up.WindowChanged + r.Down.WindowChanged, "frames"),
        P.Integer("ip_id_changed", "frames whose IP ID changed between the points", r => r.Up.IpIdChanged + r.Down.IpIdChanged, "frames"),
        P.Integer("dscp_changed", "frames whose DSCP changed between the points", r => r.Up.DscpChanged + r.Down.DscpChanged, "frames"),
        P.Integer("seq_offset_c2s", "what the path added to the client's sequence numbers (signed)", r => r.Match is { } m ? (int)m.SeqOffsetC2S : null),
        P.Integer("seq_offset_s2c", "what the path added to the server's sequence numbers (signed)", r => r.Match is { } m ? (int)m.SeqOffsetS2C : null),
        P.Text("nat", "the client's endpoint as each capture shows it when NAT changed it: CLIENT_VIEW=SERVER_VIEW", r =>
            r.Match is { Translated: true } m ? $"{m.ClientSide.Client}={m.ServerSide.Client}" : null),
        P.Text("method", "how the streams were matched", r => r.Match?.Method.Name()),
        P.Seconds("clock_uncertainty", "half the width of the clock offset's bounds", r => r.Clock.UncertaintyNs),
        P.Integer("received_c2s", "client frames seen at the server capture", r => r.Up.Received, "frames"),
        P.Integer("received_s2c", "server frames seen at the client capture", r => r.Down.Received, "frames"),
        P.Integer("matched_c2s", "client frames seen at both points", r => r.Up.Matched, "frames"),
        P.Integer("matched_s2c", "server frames seen at both points", r => r.Down.Matched, "frames"),
        P.Integer("resegmented_sent_c2s", "client frames sent whose bytes arrived cut differently", r => r.Up.ResegmentedSent, "frames"),
        P.Integer("resegmented_sent_s2c", "server frames sent whose bytes arrived cut differently", r => r.Down.ResegmentedSent, "frames"),
        P.Integer("outside_span_sent_c2s", "client frames sent while the server capture was not running", r => r.Up.OutsideSpanSent, "frames"),
        P.Integer("outside_span_sent_s2c", "server frames sent while the client capture was not running", r => r.Down.OutsideSpanSent, "frames"),
        P.Integer("outside_span_received_c2s", "client frames received while the client capture was not running", r => r.Up.OutsideSpanReceived, "frames"),
        P.Integer("outside_span_received_s2c", "server frames received while the server capture was not running", r => r.Down.OutsideSpanReceived, "frames"),
    ], new Dictionary<string, string[]>
    {
        ["default"] = ["client_stream", "server_stream", "sent_c2s", "sent_s2c", "lost_c2s", "lost_s2c", "duplicated_c2s", "duplicated_s2c", "reordered_c2s", "reordered_s2c", "delay_c2s_median", "delay_s2c_median"],
        ["delays"] = ["client_stream", "server_stream", "delay_c2s_min", "delay_c2s_median", "delay_c2s_p99", "delay_s2c_min", "delay_s2c_median", "delay_s2c_p99", "clock_offset", "clock_uncertainty", "server_think_median", "client_think_median"],
        ["balance"] = ["client_stream", "sent_c2s", "matched_c2s", "lost_c2s", "unobserved_c2s", "resegmented_sent_c2s", "outside_span_sent_c2s", "received_c2s", "duplicated_c2s", "only_at_receiver_c2s", "outside_span_received_c2s"],
        ["path"] = ["client_stream", "server_stream", "hops_c2s", "hops_s2c", "mss_client", "mss_at_server", "window_changed", "ip_id_changed", "dscp_changed", "seq_offset_c2s", "seq_offset_s2c", "nat", "method"],
    });
}
