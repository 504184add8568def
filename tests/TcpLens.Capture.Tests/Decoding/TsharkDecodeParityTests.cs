using System.Globalization;
using TcpLens.Capture.Decoding;
using TcpLens.Capture.Tests.Support;

namespace TcpLens.Capture.Tests.Decoding;

/// <summary>
/// Differential test of reading and decoding against tshark 4.6: every frame tshark dissects as
/// TCP must decode as TCP here with the same number, time, ports, raw seq/ack, length, flags and IP ID.
/// </summary>
public class TsharkDecodeParityTests
{
    [SkippableTheory]
    [MemberData(nameof(CaptureCases.Shared), MemberType = typeof(CaptureCases))]
    public void Shared_capture_decodes_like_tshark(string name) => AssertParity(CaptureCases.SharedPath(name));

    [SkippableTheory]
    [MemberData(nameof(CaptureCases.Project), MemberType = typeof(CaptureCases))]
    public void Project_capture_decodes_like_tshark(string name) => AssertParity(CaptureCases.ProjectPath(name));

    internal static void AssertParity(string capture)
    {
        string? table = ReferenceTable.TcpTablePath(capture);
        Skip.If(table is null, $"no tshark reference table for {Path.GetFileName(capture)}");
        var expected = ReferenceTable.ReadTcp(table!)
            .Where(r => !TsharkParityRules.IsOutsideDecoderScope(r))
            .ToDictionary(r => r.Frame);
        Dictionary<long, DecodedFrame> actual;
        try
        {
            actual = DecodeAll(capture);
        }
        catch (CaptureFormatException) when (expected.Count == 0)
        {
            return; // tshark read nothing from it either
        }
        var problems = new List<string>();
        foreach ((long frame, ReferenceRow row) in expected)
        {
            if (!actual.TryGetValue(frame, out DecodedFrame got))
            {
                problems.Add($"frame {frame}: tshark decodes TCP ({row["frame.protocols"]}), tcplens does not");
                continue;
            }
            Compare(problems, frame, "quoted in ICMP", TsharkParityRules.IsIcmpQuoted(row) ? "yes" : "no", got.Quoted ? "yes" : "no");
            Compare(problems, frame, "time", TsharkParityRules.Time(row), got.Time);
            Compare(problems, frame, "srcport", row["tcp.srcport"], got.SrcPort);
            Compare(problems, frame, "dstport", row["tcp.dstport"], got.DstPort);
            if (!got.Quoted)
            {
                // tshark leaves the raw numbers of a TCP header quoted in an ICMP error empty.
                Compare(problems, frame, "seq_raw", row["tcp.seq_raw"], got.Seq);
                Compare(problems, frame, "ack_raw", row["tcp.ack_raw"], got.Ack);
            }
            Compare(problems, frame, "len", row["tcp.len"], got.Len);
            Compare(problems, frame, "flags", row["tcp.flags"], got.Flags);
            Compare(problems, frame, "ip.id", row["ip.id"], got.IpId);
            Compare(problems, frame, "src", row["ip.src"] + row["ipv6.src"], got.Src);
            Compare(problems, frame, "dst", row["ip.dst"] + row["ipv6.dst"], got.Dst);
        }
        foreach (long frame in actual.Keys.Where(f => !expected.ContainsKey(f)))
        {
            if (!TsharkParityRules.TsharkDroppedFrame(table!, frame))
            {
                problems.Add($"frame {frame}: tcplens decodes TCP, tshark does not");
            }
        }
        Assert.True(problems.Count == 0,
            $"{Path.GetFileName(capture)}: {problems.Count} differences from tshark:\n" + string.Join('\n', problems.Take(20)));
    }

    private static void Compare(List<string> problems, long frame, string field, string expected, string actual)
    {
        if (expected is null || !string.Equals(expected, actual, StringComparison.Ordinal))
        {
            problems.Add($"frame {frame} {field}: tshark '{expected}', tcplens '{actual}'");
        }
    }

    internal readonly record struct DecodedFrame(string Time, string SrcPort, string DstPort, string Seq, string Ack,
        string Len, string Flags, string IpId, string Src, string Dst, bool Quoted);

    internal static Dictionary<long, DecodedFrame> DecodeAll(string capture)
    {
        var inv = CultureInfo.InvariantCulture;
        var result = new Dictionary<long, DecodedFrame>();
        using CaptureReader reader = CaptureReader.Open(capture);
        while (reader.TryRead(out CaptureFrame frame))
        {
            DecodeOutcome outcome = PacketDecoder.Decode(frame, out TcpSegment s);
            if (!DecodeOutcomeNames.IsTcp(outcome) && outcome != DecodeOutcome.IcmpQuotedTcp)
            {
                continue;
            }
            int n = s.TcpHeaderBytesRead;
            result[frame.Number] = new DecodedFrame(
                frame.Time.ToString(),
                n >= 4 ? s.SourcePort.ToString(inv) : "", n >= 4 ? s.DestinationPort.ToString(inv) : "",
                n >= 8 ? s.Sequence.ToString(inv) : "", n >= 12 ? s.Acknowledgement.ToString(inv) : "",
                outcome == DecodeOutcome.Tcp ? s.PayloadLength.ToString(inv) : "",
                n >= 14 ? "0x" + ((int)s.Flags).ToString("x4", inv) : "",
                s.IpId < 0 ? "" : "0x" + s.IpId.ToString("x4", inv),
                s.Source.ToString(), s.Destination.ToString(), outcome == DecodeOutcome.IcmpQuotedTcp);
        }
        return result;
    }
}
