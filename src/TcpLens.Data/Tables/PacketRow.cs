using System.Globalization;
using TcpLens.Analysis;
using TcpLens.Capture.Decoding;

namespace TcpLens.Data.Tables;

/// <summary>
/// The columns of <c>tcplens packets</c> (DESIGN.md's output contract) and the cells of one
/// analysed frame. Empty cells are absent values, as in Wireshark's field output.
/// </summary>
public static class PacketRow
{
    /// <summary>The columns, in output order.</summary>
    public static readonly Column[] Columns =
    [
        new("frame", ColumnKind.Integer), new("time", ColumnKind.Decimal), new("stream", ColumnKind.Integer),
        new("src"), new("srcport", ColumnKind.Integer), new("dst"), new("dstport", ColumnKind.Integer),
        new("flags"), new("seq_raw", ColumnKind.Integer), new("ack_raw", ColumnKind.Integer),
        new("seq", ColumnKind.Integer), new("ack", ColumnKind.Integer), new("len", ColumnKind.Integer),
        new("window", ColumnKind.Integer), new("ip_id", ColumnKind.Integer), new("analysis"),
        new("dup_ack_num", ColumnKind.Integer), new("ack_rtt", ColumnKind.Decimal), new("irtt", ColumnKind.Decimal),
        new("bytes_in_flight", ColumnKind.Integer),
    ];

    /// <summary>The cells of one row; empty strings are absent values.</summary>
    public static string[] Cells(in AnalyzedPacket p)
    {
        var inv = CultureInfo.InvariantCulture;
        TcpSegment s = p.Segment;
        PacketAnalysis a = p.Analysis;
        return
        [
            p.Frame.ToString(inv),
            p.Time.ToString(),
            a.HasStream ? a.Stream.ToString(inv) : "",
            s.Source.ToString(),
            s.SourcePort.ToString(inv),
            s.Destination.ToString(),
            s.DestinationPort.ToString(inv),
            s.TcpHeaderBytesRead >= 14 ? TcpFlagsText.ToLetters(s.Flags) : "",
            s.TcpHeaderBytesRead >= 8 ? s.Sequence.ToString(inv) : "",
            s.TcpHeaderBytesRead >= 12 ? s.Acknowledgement.ToString(inv) : "",
            s.TcpHeaderBytesRead >= 8 ? a.RelativeSeq.ToString(inv) : "",
            s.TcpHeaderBytesRead >= 12 ? a.RelativeAck.ToString(inv) : "",
            a.SegmentLength >= 0 ? a.SegmentLength.ToString(inv) : "",
            a.WindowSize >= 0 ? a.WindowSize.ToString(inv) : "",
            s.IpId >= 0 ? s.IpId.ToString(inv) : "",
            AnalysisFlagNames.Join(a.Flags),
            a.DupAckNumber > 0 ? a.DupAckNumber.ToString(inv) : "",
            Seconds(a.AckRttNs),
            Seconds(a.InitialRttNs),
            a.BytesInFlight > 0 ? a.BytesInFlight.ToString(inv) : "",
        ];
    }

    /// <summary>Nanoseconds as seconds with 9 decimals, exactly (no floating point).</summary>
    public static string Seconds(long? nanoseconds)
    {
        if (nanoseconds is not { } ns)
        {
            return "";
        }
        ulong magnitude = ns < 0 ? (ulong)(-(ns + 1)) + 1 : (ulong)ns;
        string text = string.Create(CultureInfo.InvariantCulture, $"{magnitude / 1_000_000_000}.{magnitude % 1_000_000_000:D9}");
        return ns < 0 ? "-" + text : text;
    }
}
