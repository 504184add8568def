using System.Globalization;
using TcpLens.Analysis.Sessions;
using TcpLens.Capture.Decoding;
using TcpLens.Capture.Tests.Support;
using TcpLens.Parity;

namespace TcpLens.Analysis.Tests.Sessions;

/// <summary>
/// Sessions against tshark 4.6.9: the stream set and per-direction frames and bytes of
/// <c>-z conv,tcp</c>, and the SYN→SYN/ACK delay and initial RTT of the reference tables.
/// </summary>
public sealed class SessionParityTests
{
    public static TheoryData<string> ProjectCaptures() => CaptureCases.Project();

    public static TheoryData<string> SharedCaptures() => CaptureCases.Shared();

    [SkippableTheory]
    [MemberData(nameof(ProjectCaptures))]
    public void ProjectCaptureSessionsMatchTsharkConversations(string name) => CheckConversations(CaptureCases.ProjectPath(name));

    [SkippableTheory]
    [MemberData(nameof(SharedCaptures))]
    public void PublicCaptureSessionsMatchTsharkConversations(string name) => CheckConversations(CaptureCases.SharedPath(name));

    [SkippableTheory]
    [MemberData(nameof(ProjectCaptures))]
    public void ProjectCaptureRttsMatchTshark(string name) => CheckRtts(CaptureCases.ProjectPath(name));

    [SkippableTheory]
    [MemberData(nameof(SharedCaptures))]
    public void PublicCaptureRttsMatchTshark(string name) => CheckRtts(CaptureCases.SharedPath(name));

    private static void CheckConversations(string capture)
    {
        string conv = Path.Combine(Path.GetDirectoryName(capture)!, "reference", Path.GetFileName(capture) + ".conv.txt");
        Skip.If(!File.Exists(conv), $"{capture}: no conversation table");
        List<ConversationRow> rows = ConversationTable.Read(conv);
        (List<Session> sessions, Capture.Timestamp first) = Read(capture);
        // Timestamps tshark cannot represent (10^9 ns or more in a field, or near 2^64 µs) make its
        // relative starts and durations meaningless; then only endpoints, frames and bytes count.
        bool timesValid = !InvalidTimes(capture) && rows.All(r => r.RelativeStartNs >= 0 && r.RelativeStartNs < 10_000_000_000_000_000_000m);
        string name = Path.GetFileName(capture);

        Assert.Equal(rows.Count, sessions.Count);
        var unmatched = new List<Session>(sessions);
        foreach (ConversationRow row in rows)
        {
            Session? s = unmatched.Where(x => SameEndpoints(x, row))
                .OrderBy(x => Math.Abs((decimal)(x.Start.ExactNanoseconds - first.ExactNanoseconds) - row.RelativeStartNs))
                .ThenBy(x => FrameDifference(x, row))
                .FirstOrDefault();
            Assert.True(s is not null, $"{name}: no session for {row}");
            unmatched.Remove(s!);
            decimal relative = (decimal)(s!.Start.ExactNanoseconds - first.ExactNanoseconds);
            // tshark prints the relative start through a double: allow for its rounding
            decimal tolerance = Math.Max(1000m, Math.Abs(row.RelativeStartNs) * 5e-16m);
            Assert.True(!timesValid || Math.Abs(relative - row.RelativeStartNs) <= tolerance,
                $"{name} stream {s.Stream}: relative start {relative} ns, tshark {row.RelativeStartNs} ns");
            (SessionDirection aToB, SessionDirection bToA) = s.ClientSentFirst ? (s.ClientToServer, s.ServerToClient) : (s.ServerToClient, s.ClientToServer);
            Assert.True(row.FramesAtoB == aToB.Packets && row.FramesBtoA == bToA.Packets,
                $"{name} stream {s.Stream}: frames {aToB.Packets}/{bToA.Packets}, tshark {row.FramesAtoB}/{row.FramesBtoA}");
            Assert.True(ConversationTable.SizeMatches(aToB.WireBytes, row.BytesAtoB, row.UnitAtoB)
                && ConversationTable.SizeMatches(bToA.WireBytes, row.BytesBtoA, row.UnitBtoA),
                $"{name} stream {s.Stream}: bytes {aToB.WireBytes}/{bToA.WireBytes}, tshark {row.BytesAtoB} {row.UnitAtoB}/{row.BytesBtoA} {row.UnitBtoA}");
            // tshark prints the duration with 4 decimals from a double
            Assert.True(!timesValid || Math.Abs(row.Duration - s.DurationNs / 1e9m) <= 0.00005m + 0.000000001m,
                $"{name} stream {s.Stream}: duration {s.DurationNs} ns, tshark {row.Duration} s");
        }
    }

    private static bool SameEndpoints(Session s, ConversationRow row) =>
        (Same(s.Client, row.AddressA, row.PortA) && Same(s.Server, row.AddressB, row.PortB))
        || (Same(s.Server, row.AddressA, row.PortA) && Same(s.Client, row.AddressB, row.PortB));

    private static long FrameDifference(Session s, ConversationRow row) =>
        Math.Abs(s.ClientToServer.Packets + s.ServerToClient.Packets - row.FramesAtoB - row.FramesBtoA);

    private static bool InvalidTimes(string capture)
    {
        string? table = ReferenceReader.TablePath(capture);
        if (table is null)
        {
            return false;
        }
        List<string[]> rows = ReadRows(table, out string[] names);
        int time = Array.IndexOf(names, "frame.time_epoch");
        return rows.Any(r => r[time].Contains('(', StringComparison.Ordinal));
    }

    private static bool Same(Endpoint e, string a, int p) => e.Port == p && e.Address.ToString() == a;

    private static void CheckRtts(string capture)
    {
        string? table = ReferenceReader.TablePath(capture);
        Skip.If(table is null, $"{capture}: no reference table");
        List<string[]> rows = ReadRows(table!, out string[] names);
        int stream = Array.IndexOf(names, "tcp.stream"), flags = Array.IndexOf(names, "tcp.flags");
        int ackRtt = Array.IndexOf(names, "tcp.analysis.ack_rtt"), irtt = Array.IndexOf(names, "tcp.analysis.initial_rtt");
        var expectedIrtt = new Dictionary<int, long>();
        var expectedSynAck = new Dictionary<int, long?>();
        foreach (string[] r in rows)
        {
            if (r[stream].Length == 0)
            {
                continue;
            }
            int st = int.Parse(r[stream], CultureInfo.InvariantCulture);
            if (Ns(r[irtt]) is { } i)
            {
                expectedIrtt[st] = i;
            }
            int f = Convert.ToInt32(r[flags], 16);
            if ((f & 0x12) == 0x12 && !expectedSynAck.ContainsKey(st))
            {
                expectedSynAck[st] = Ns(r[ackRtt]);
            }
        }
        (List<Session> sessions, _) = Read(capture);
        foreach (Session s in sessions)
        {
            long? irttWanted = expectedIrtt.TryGetValue(s.Stream, out long v) ? v : null;
            Assert.True(irttWanted == s.InitialRttNs || irttWanted is null && s.InitialRttNs is not null && Unreadable(rows, stream, irtt, s.Stream),
                $"{Path.GetFileName(capture)} stream {s.Stream}: irtt {s.InitialRttNs}, tshark {irttWanted}");
            long? synAck = expectedSynAck.TryGetValue(s.Stream, out long? d) ? d : null;
            Assert.True(synAck == s.SynAckDelayNs || Unreadable(rows, stream, ackRtt, s.Stream),
                $"{Path.GetFileName(capture)} stream {s.Stream}: SYN/ACK delay {s.SynAckDelayNs}, tshark {synAck}");
        }
    }

    // tshark cannot print times from timestamps with 10^9 or more nanoseconds; those are not compared.
    private static bool Unreadable(List<string[]> rows, int streamColumn, int column, int stream) =>
        rows.Any(r => r[streamColumn] == stream.ToString(CultureInfo.InvariantCulture) && r[column].Contains('(', StringComparison.Ordinal));

    private static long? Ns(string cell) =>
        decimal.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal v) ? (long)decimal.Round(v * 1_000_000_000m) : null;

    private static (List<Session> Sessions, Capture.Timestamp First) Read(string capture)
    {
        TcpCapture tcp;
        try
        {
            tcp = TcpCapture.Open(capture);
        }
        catch (Capture.CaptureFormatException)
        {
            return ([], default);
        }
        using (tcp)
        {
            List<Session> sessions = tcp.Sessions().ToList();
            return (sessions, tcp.FirstFrameTime ?? default);
        }
    }

    private static List<string[]> ReadRows(string tsvGz, out string[] names)
    {
        using var gz = new System.IO.Compression.GZipStream(File.OpenRead(tsvGz), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        names = (reader.ReadLine() ?? "").Split('\t');
        var rows = new List<string[]>();
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            string[] cells = line.Split('\t');
            Array.Resize(ref cells, names.Length);
            rows.Add(cells.Select(c => c ?? "").ToArray());
        }
        return rows;
    }
}
