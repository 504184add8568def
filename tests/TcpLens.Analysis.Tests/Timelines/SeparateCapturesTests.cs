using TcpLens.Analysis.Timelines;
using TcpLens.Capture.Tests.Support;
using TcpLens.Parity;

namespace TcpLens.Analysis.Tests.Timelines;

/// <summary>
/// Files named like pieces of one rotation that are not one (made at the same time, or far
/// apart) are read as separate captures: every session carries the tcp.stream tshark 4.6 gives
/// its frames in that file alone. A real rotation still counts streams across its pieces.
/// </summary>
public sealed class SeparateCapturesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tcplens-separate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // tcp.stream of every frame, from tshark's reference table of the original file.
    private static Dictionary<long, int> Streams(string capture)
    {
        string table = ReferenceReader.TablePath(capture) ?? throw new InvalidOperationException($"no reference table for {capture}");
        return ReferenceReader.Read(table).Values.Where(f => f.Stream >= 0).ToDictionary(f => f.Frame, f => (int)f.Stream);
    }

    private void AssertEachFileNumberedAsTshark(string first, string second)
    {
        string[] originals = [first, second];
        string[] copies = [Path.Combine(_dir, "cap1.pcap"), Path.Combine(_dir, "cap2.pcap")];
        for (int i = 0; i < 2; i++)
        {
            File.Copy(originals[i], copies[i]);
        }
        CaptureSet set = CaptureSet.Plan(copies);
        Assert.Equal([[copies[0]], [copies[1]]], set.Timelines.Select(t => t.Files.ToArray()));

        List<TimelineSession> sessions = [.. set.Sessions(2)];
        for (int t = 0; t < 2; t++)
        {
            Dictionary<long, int> tshark = Streams(originals[t]);
            List<TimelineSession> mine = [.. sessions.Where(s => s.Timeline == t)];
            Assert.Equal(tshark.Values.Distinct().Count(), mine.Count);
            Assert.All(mine, s => Assert.Equal(tshark[s.Session.FirstFrame], s.Session.Stream));
            Assert.All(mine, s => Assert.Equal(tshark[s.Session.LastFrame], s.Session.Stream));
        }
    }

    [Theory]
    [InlineData("twopoint/loss-client.pcap", "twopoint/loss-server.pcap")]   // the same traffic at two points, at the same time
    [InlineData("pair-client.pcap", "pair-server.pcap")]                     // the server side lies inside the client side
    [InlineData("lossy.pcap", "zero-window-probe.pcap")]                     // two lab runs 55 minutes apart
    public void Project_captures_named_like_a_rotation_keep_tsharks_stream_numbers(string first, string second) =>
        AssertEachFileNumberedAsTshark(Path.Combine(TestPaths.TestData, first), Path.Combine(TestPaths.TestData, second));

    [SkippableFact]
    public void Public_sender_and_receiver_captures_named_like_a_rotation_keep_tsharks_stream_numbers()
    {
        Skip.If(TestPaths.SharedCaptures is null, TestPaths.NoSharedCaptures);
        AssertEachFileNumberedAsTshark(Path.Combine(TestPaths.SharedCaptures!, "awbestimation_sender.pcap"),
            Path.Combine(TestPaths.SharedCaptures!, "awbestimation_receiver.pcap"));
    }

    [Fact]
    public void A_rotation_still_numbers_streams_across_its_pieces()
    {
        // concurrent-resets.pcap has nine streams; cut in three, streams go on counting across the cuts
        string whole = Path.Combine(TestPaths.TestData, "concurrent-resets.pcap");
        string[] pieces = [.. Enumerable.Range(1, 3).Select(i => Path.Combine(_dir, $"ring_{i}.pcap"))];
        PcapSplit.Pieces(whole, pieces);
        CaptureSet set = CaptureSet.Plan(pieces);

        Assert.Equal([pieces], set.Timelines.Select(t => t.Files.ToArray()));
        Dictionary<long, int> tshark = Streams(whole);
        List<TimelineSession> sessions = [.. set.Sessions(2)];
        Assert.Equal(tshark.Values.Distinct().Count(), sessions.Count);
        Assert.All(sessions, s => Assert.Equal(tshark[s.Session.FirstFrame], s.Session.Stream));
    }
}
