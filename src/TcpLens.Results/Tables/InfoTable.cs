using System.Globalization;
using TcpLens.Capture;
using TcpLens.Capture.Decoding;
using TcpLens.Capture.Summary;

namespace TcpLens.Results.Tables;

/// <summary>The info table: one row per capture file.</summary>
public static class InfoTable
{
    /// <summary>The table.</summary>
    public static Table<CaptureSummary> Table { get; } = Build();

    private static Column<CaptureSummary> C(string name, ValueKind kind, string description, Column<CaptureSummary>.Reader read, string? unit = null, string? label = null) =>
        new(new ColumnInfo(name, kind, description, unit, Label: label), read);

    private static Table<CaptureSummary> Build()
    {
        const ValueKind I = ValueKind.Integer;
        Column<CaptureSummary>[] columns =
        [
            C("file", ValueKind.Text, "the file as named", (in CaptureSummary s) => Cell.Text(s.File)),
            C("format", ValueKind.Text, "pcap or pcapng, byte order and time resolution, compression", (in CaptureSummary s) => Cell.Text(s.Format.ToString())),
            C("link_types", ValueKind.List, "the link types of the interfaces that carried frames", (in CaptureSummary s) => Cell.List(LinkTypes(s))),
            C("frames", I, "Wireshark's frame count: every record", (in CaptureSummary s) => Cell.Integer(s.Frames), "frames"),
            C("tcp_frames", I, "frames decoded down to TCP", (in CaptureSummary s) => Cell.Integer(s.TcpFrames), "frames", "tcp"),
            C("bytes", I, "bytes on the wire (capinfos' \"Data size\")", (in CaptureSummary s) => Cell.Integer(s.WireBytes), "bytes"),
            C("first", ValueKind.Timestamp, "time of the first frame", (in CaptureSummary s) => Cell.Time(s.First), "s"),
            C("last", ValueKind.Timestamp, "time of the last frame", (in CaptureSummary s) => Cell.Time(s.Last), "s"),
            C("duration", ValueKind.Seconds, "last minus first", (in CaptureSummary s) => Cell.Seconds(s.First is null ? null : s.DurationNanoseconds), "s"),
            C("decode_problems", ValueKind.List, "frames that could not be decoded whole, by kind: KIND=N", (in CaptureSummary s) =>
                Cell.List([.. s.Problems.Select(p => $"{p.Key}={p.Value.ToString(CultureInfo.InvariantCulture)}")]), label: "problems"),
            C("captured_bytes", I, "bytes present in the file (less than bytes when the snap length cut frames)", (in CaptureSummary s) => Cell.Integer(s.CapturedBytes), "bytes"),
            C("interfaces", I, "interfaces described", (in CaptureSummary s) => Cell.Integer(s.Interfaces.Count)),
            C("ip_fragments", I, "IP fragments (not reassembled)", (in CaptureSummary s) => Cell.Integer(s.Count(DecodeOutcome.IpFragment)), "frames"),
            C("icmp_quoted_tcp", I, "ICMP errors quoting a TCP header", (in CaptureSummary s) => Cell.Integer(s.Count(DecodeOutcome.IcmpQuotedTcp)), "frames"),
            C("time_ordered", ValueKind.Boolean, "every frame's time is at or after the one before", (in CaptureSummary s) => Cell.Boolean(s.StrictTimeOrder)),
            C("read_error", ValueKind.Text, "why reading stopped early, with the frame and byte offset", (in CaptureSummary s) => Cell.Text(s.Error?.ToString())),
        ];
        var sets = new Dictionary<string, string[]>
        {
            ["default"] = ["file", "format", "link_types", "frames", "tcp_frames", "bytes", "first", "duration", "decode_problems"],
            ["contract"] = ["file", "format", "link_types", "frames", "tcp_frames", "bytes", "first", "last", "duration", "decode_problems"],
        };
        return new Table<CaptureSummary>("info", "One row per capture file.", columns, sets);
    }

    private static string[] LinkTypes(CaptureSummary s)
    {
        IEnumerable<InterfaceInfo> used = s.Interfaces.Where(i => i.Frames > 0);
        if (!used.Any())
        {
            used = s.Interfaces;
        }
        return [.. used.Select(i => LinkTypeNames.ShortName(i.LinkType)).Distinct()];
    }
}
