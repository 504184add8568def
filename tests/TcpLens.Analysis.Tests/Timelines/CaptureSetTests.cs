using TcpLens.Analysis.Sessions;
using TcpLens.Analysis.Timelines;
using TcpLens.Capture.Tests.Support;

namespace TcpLens.Analysis.Tests.Timelines;

public sealed class CaptureSetTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tcplens-set-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Data(string name) => Path.Combine(TestPaths.TestData, name);

    // Three independent captures and one rotation of two pieces (lossy.pcap cut in the middle of its transfer).
    private string[] MixedFiles()
    {
        string one = Path.Combine(_dir, "lossy1.pcap"), two = Path.Combine(_dir, "lossy2.pcap");
        PcapSplit.Split(Data("lossy.pcap"), one, two);
        return [Data("https-download.pcap"), two, Data("concurrent-resets.pcap"), one, Data("reorder.pcapng"), Data("port-reuse.pcap")];
    }

    private static List<string> Rows(CaptureSet set, int threads, List<TimelineEnd>? ends = null) =>
        [.. set.Sessions(threads, e => ends?.Add(e)).Select(t => $"{t.Timeline} {t.File} {t.TimelineStart} {Describe(t.Session)}")];

    [Fact]
    public void Output_is_identical_whatever_the_number_of_threads()
    {
        CaptureSet set = CaptureSet.Plan(MixedFiles());
        Assert.Equal(5, set.Timelines.Count);
        List<string> one = Rows(set, 1);
        Assert.NotEmpty(one);
        foreach (int threads in new[] { 2, 3, 8 })
        {
            Assert.Equal(one, Rows(set, threads));
        }
    }

    [Fact]
    public void Each_timeline_gives_what_it_gives_alone_and_a_split_connection_is_one_session()
    {
        string[] files = MixedFiles();
        CaptureSet set = CaptureSet.Plan(files);
        var ends = new List<TimelineEnd>();
        List<TimelineSession> all = [.. set.Sessions(4, ends.Add)];

        Assert.Equal([0, 1, 2, 3, 4], ends.Select(e => e.Timeline));
        for (int t = 0; t < set.Timelines.Count; t++)
        {
            using TcpCapture alone = TcpCapture.Open(set.Timelines[t].Files);
            List<string> expected = [.. alone.Sessions().Select(Describe)];
            Assert.Equal(expected, all.Where(s => s.Timeline == t).Select(s => Describe(s.Session)));
            Assert.Equal(alone.Reader.FramesRead, ends[t].FramesRead);
        }
        // the rotation: lossy.pcap's one bulk transfer spans both pieces and stays one session
        using TcpCapture whole = TcpCapture.Open(Data("lossy.pcap"));
        int rotation = set.Timelines.ToList().FindIndex(t => t.Files.Count == 2);
        Assert.Equal([.. whole.Sessions().Select(s => (s.Stream, s.FirstFrame, s.LastFrame, s.ClientToServer.PayloadBytes))],
            all.Where(s => s.Timeline == rotation).Select(s => (s.Session.Stream, s.Session.FirstFrame, s.Session.LastFrame, s.Session.ClientToServer.PayloadBytes)));
        Assert.Contains(all, s => s.Timeline == rotation && s.File.EndsWith("lossy1.pcap", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_that_is_not_a_capture_is_reported_in_its_place_and_the_rest_is_read()
    {
        string junk = Path.Combine(_dir, "junk.pcap");
        File.WriteAllText(junk, "this is not a capture file at all");
        var ends = new List<TimelineEnd>();
        CaptureSet set = CaptureSet.Plan([Data("lossy.pcap"), junk, Data("rst-client.pcap")]);
        List<TimelineSession> sessions = [.. set.Sessions(2, ends.Add)];

        Assert.Equal(3, ends.Count);
        Assert.NotNull(ends[1].OpenFailure);
        Assert.Contains("junk.pcap", ends[1].OpenFailure, StringComparison.Ordinal);
        Assert.True(ends[1].NothingRead);
        Assert.False(ends[0].NothingRead);
        Assert.Contains(sessions, s => s.Timeline == 2);
    }

    [Fact]
    public void Stopping_early_stops_the_reading()
    {
        CaptureSet set = CaptureSet.Plan(MixedFiles());
        // the other timelines are running or queued; disposing the enumeration must not hang or throw
        TimelineSession first = set.Sessions(4).First();
        Assert.Equal(0, first.Timeline);
        Assert.Equal(0, first.Session.Stream);
    }

    private static string Describe(Session s) =>
        $"{s.Stream} {s.Client}>{s.Server} {s.Start} {s.End} {s.State} {s.History} {s.ClosedBy} " +
        $"{s.ClientToServer.Packets}/{s.ServerToClient.Packets} {s.ClientToServer.WireBytes}/{s.ServerToClient.WireBytes} " +
        $"{s.SynAckDelayNs} {s.InitialRttNs} {s.RttSamples} {s.RttMinNs} {s.Count(AnalysisFlags.Retransmission)} {s.Count(AnalysisFlags.DuplicateAck)} {s.FirstFrame} {s.LastFrame}";
}
