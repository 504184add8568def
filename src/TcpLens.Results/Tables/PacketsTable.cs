using TcpLens.Analysis;
using TcpLens.Capture.Decoding;

namespace TcpLens.Results.Tables;

/// <summary>
/// The packets table: one row per TCP frame as Wireshark analyses it (DESIGN.md's contract).
/// Values a damaged header lacks are absent, as in tshark's field output.
/// </summary>
public static class PacketsTable
{
    /// <summary>The table.</summary>
    public static Table<AnalyzedPacket> Table { get; } = Build();

    private static Column<AnalyzedPacket> C(string name, ValueKind kind, string description, Column<AnalyzedPacket>.Reader read, string? unit = null, string? label = null) =>
        new(new ColumnInfo(name, kind, description, unit, Label: label), read);

    private static Table<AnalyzedPacket> Build()
    {
        const ValueKind I = ValueKind.Integer;
        Column<AnalyzedPacket>[] columns =
        [
            C("frame", I, "Wireshark's frame.number (from 1, every record of the file counted)", (in AnalyzedPacket p) => Cell.Integer(p.Frame)),
            C("time", ValueKind.Timestamp, "frame.time_epoch", (in AnalyzedPacket p) => Cell.Time(p.Time), "s"),
            C("stream", I, "tcp.stream", (in AnalyzedPacket p) => Cell.Integer(p.Analysis.HasStream ? p.Analysis.Stream : null)),
            C("src", ValueKind.Address, "source address (the innermost IP header of a tunnel)", (in AnalyzedPacket p) => Cell.Address(p.Segment.Source)),
            C("srcport", I, "tcp.srcport", (in AnalyzedPacket p) => Cell.Integer(p.Segment.SourcePort)),
            C("dst", ValueKind.Address, "destination address", (in AnalyzedPacket p) => Cell.Address(p.Segment.Destination)),
            C("dstport", I, "tcp.dstport", (in AnalyzedPacket p) => Cell.Integer(p.Segment.DestinationPort)),
            C("flags", ValueKind.Text, "tcp.flags.str letters without dots, in the order CEUAPRSF", (in AnalyzedPacket p) => Cell.Text(p.Segment.HasFlags ? TcpFlagsText.ToLetters(p.Segment.Flags) : null)),
            C("seq_raw", I, "tcp.seq_raw", (in AnalyzedPacket p) => Cell.Integer(p.Segment.HasSequence ? p.Segment.Sequence : null)),
            C("ack_raw", I, "tcp.ack_raw", (in AnalyzedPacket p) => Cell.Integer(p.Segment.HasAcknowledgement ? p.Segment.Acknowledgement : null)),
            C("seq", I, "tcp.seq (relative)", (in AnalyzedPacket p) => Cell.Integer(p.Segment.HasSequence ? p.Analysis.RelativeSeq : null)),
            C("ack", I, "tcp.ack (relative)", (in AnalyzedPacket p) => Cell.Integer(p.Segment.HasAcknowledgement ? p.Analysis.RelativeAck : null)),
            C("len", I, "tcp.len: payload bytes on the wire", (in AnalyzedPacket p) => Cell.Integer(p.Analysis.Length), "bytes"),
            C("window", I, "tcp.window_size: the window scaled as Wireshark computes it", (in AnalyzedPacket p) => Cell.Integer(p.Analysis.ScaledWindow), "bytes", "win"),
            C("ip_id", I, "ip.id (IPv4 only)", (in AnalyzedPacket p) => Cell.Integer(p.Segment.IPv4Id)),
            C("analysis", ValueKind.Flags, "the tcp.analysis flags, in the contract's order", (in AnalyzedPacket p) => Cell.Flags(p.Analysis.Flags)),
            C("dup_ack_num", I, "tcp.analysis.duplicate_ack_num", (in AnalyzedPacket p) => Cell.Integer(p.Analysis.DupAckNumber > 0 ? p.Analysis.DupAckNumber : null), label: "dup"),
            C("ack_rtt", ValueKind.Seconds, "tcp.analysis.ack_rtt", (in AnalyzedPacket p) => Cell.Seconds(p.Analysis.AckRttNs), "s"),
            C("irtt", ValueKind.Seconds, "tcp.analysis.initial_rtt", (in AnalyzedPacket p) => Cell.Seconds(p.Analysis.InitialRttNs), "s"),
            C("bytes_in_flight", I, "tcp.analysis.bytes_in_flight", (in AnalyzedPacket p) => Cell.Integer(p.Analysis.BytesInFlight > 0 ? p.Analysis.BytesInFlight : null), "bytes", "in_flight"),
        ];
        var sets = new Dictionary<string, string[]>
        {
            ["default"] = ["frame", "time", "stream", "src", "srcport", "dst", "dstport", "flags", "seq", "ack", "len", "window", "analysis"],
            ["raw"] = ["frame", "seq_raw", "ack_raw", "ip_id"],
            ["analysis"] = ["frame", "stream", "analysis", "dup_ack_num", "ack_rtt", "irtt", "bytes_in_flight"],
        };
        return new Table<AnalyzedPacket>("packets", "One row per TCP frame, with Wireshark's analysis.", columns, sets);
    }
}
