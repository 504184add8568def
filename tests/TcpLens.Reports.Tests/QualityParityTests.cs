using System.Globalization;
using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;
using TcpLens.Capture;
using TcpLens.Capture.Decoding;
using TcpLens.Capture.Tests.Support;
using TcpLens.Reports.Quality;

namespace TcpLens.Reports.Tests;

/// <summary>
/// Quality agrees exactly with the same computation done on tshark 4.6's per-frame flags (the
/// write-up's method: streams whose first SYN without ACK is in the window, and those with a
/// lost_segment or ack_lost_segment frame), on every capture that has a reference table.
/// </summary>
public class QualityParityTests
{
    public static TheoryData<string> ProjectCaptures() =>
        [.. TestPaths.ProjectCaptureFiles().Where(f => ReferenceTable.TcpTablePath(f) is not null).Select(f => Path.GetFileName(f))];

    public static TheoryData<string> SharedCaptures() =>
        [.. TestPaths.SharedCaptureFiles().Where(f => ReferenceTable.TcpTablePath(f) is not null).Select(f => Path.GetFileName(f)).DefaultIfEmpty("(none)")];

    [Theory]
    [MemberData(nameof(ProjectCaptures))]
    public void Project_capture_agrees_with_tshark_flags(string name) => Check(Path.Combine(TestPaths.TestData, name));

    [SkippableTheory]
    [MemberData(nameof(SharedCaptures))]
    public void Shared_capture_agrees_with_tshark_flags(string name)
    {
        Skip.If(TestPaths.SharedCaptures is null, TestPaths.NoSharedCaptures);
        Check(Path.Combine(TestPaths.SharedCaptures!, name));
    }

    private static void Check(string capture)
    {
        List<ReferenceRow> frames = ReferenceTable.ReadTcp(ReferenceTable.TcpTablePath(capture)!);
        List<Session> sessions;
        try
        {
            using TcpCapture c = TcpCapture.Open(capture);
            sessions = [.. c.Sessions()];
        }
        catch (CaptureFormatException)
        {
            // files tcplens refuses (malformed headers): tshark's table for them is empty too
            Assert.Empty(frames);
            return;
        }
        // the whole capture, then a window over its middle third
        Compare(frames, sessions, null, null);
        List<Timestamp> syns = [.. sessions.Where(s => s.FirstSynAt is not null).Select(s => s.FirstSynAt!.Value).Order()];
        if (syns.Count >= 3)
        {
            Compare(frames, sessions, syns[syns.Count / 3], syns[2 * syns.Count / 3]);
        }
    }

    private static void Compare(List<ReferenceRow> frames, List<Session> sessions, Timestamp? from, Timestamp? to)
    {
        List<QualityRow> ours = QualityReport.Build(sessions, _ => "", new QualityOptions { From = from, To = to });
        Dictionary<string, (int New, int Loss, int Retrans)> expected = FromTshark(frames, from, to);
        var got = ours.ToDictionary(r => r.Server, r => (r.NewSessions, r.SessionsWithLoss, r.SessionsWithRetransmissions));
        if (expected.Count == 0)
        {
            Assert.Equal((0, 0, 0), got["all"]);
            return;
        }
        Assert.Equal(expected.OrderBy(kv => kv.Key, StringComparer.Ordinal), got.OrderBy(kv => kv.Key, StringComparer.Ordinal));
    }

    // The write-up's computation on tshark's columns.
    private static Dictionary<string, (int New, int Loss, int Retrans)> FromTshark(List<ReferenceRow> frames, Timestamp? from, Timestamp? to)
    {
        var firstSyn = new Dictionary<string, (decimal Time, string Server)>();
        var loss = new HashSet<string>();
        var retrans = new HashSet<string>();
        foreach (ReferenceRow f in frames)
        {
            string stream = f["tcp.stream"];
            if (stream.Length == 0 || f["frame.protocols"].Contains("icmp", StringComparison.Ordinal))
            {
                continue;
            }
            int flags = f["tcp.flags"].Length > 2 ? Convert.ToInt32(f["tcp.flags"][2..], 16) : 0;
            if ((flags & 0x12) == 0x02 && !firstSyn.ContainsKey(stream))
            {
                string dst = f["ip.dst"].Length > 0 ? f["ip.dst"] : f["ipv6.dst"];
                NetAddress a = NetAddress.Parse(dst);
                string server = a.IsIPv4 ? $"{a}:{f["tcp.dstport"]}" : $"[{a}]:{f["tcp.dstport"]}";
                firstSyn[stream] = (decimal.Parse(f["frame.time_epoch"], CultureInfo.InvariantCulture), server);
            }
            if (f["tcp.analysis.lost_segment"].Length > 0 || f["tcp.analysis.ack_lost_segment"].Length > 0)
            {
                loss.Add(stream);
            }
            if (f["tcp.analysis.retransmission"].Length > 0)
            {
                retrans.Add(stream);
            }
        }
        var result = new Dictionary<string, (int New, int Loss, int Retrans)>();
        foreach ((string stream, (decimal time, string server)) in firstSyn)
        {
            if ((from is { } a && time < Seconds(a)) || (to is { } b && time >= Seconds(b)))
            {
                continue;
            }
            foreach (string key in new[] { server, "all" })
            {
                (int n, int l, int r) = result.GetValueOrDefault(key);
                result[key] = (n + 1, l + (loss.Contains(stream) ? 1 : 0), r + (retrans.Contains(stream) ? 1 : 0));
            }
        }
        return result;
    }

    private static decimal Seconds(Timestamp t) => t.Seconds + t.Nanoseconds / 1_000_000_000m;
}
