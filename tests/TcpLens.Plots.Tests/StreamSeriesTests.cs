using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;
using TcpLens.Capture.Tests.Support;
using TcpLens.Plots.Series;

namespace TcpLens.Plots.Tests;

public class StreamSeriesTests
{
    private static string Data(string name) => Path.Combine(TestPaths.TestData, name);

    // Everything a chart reads, as text, so two series compare value by value.
    private static string Describe(StreamSeries s) =>
        $"{s.Title} {s.Start}\n" + string.Join("\n", new[] { s.ClientToServer, s.ServerToClient }.Select(d =>
            $"{d.Name}: " + string.Join(" ", Enumerable.Range(0, d.Count).Select(i =>
                $"{d.Frame[i]}@{d.Time[i]:R}:{d.Seq[i]}+{d.Length[i]} a{d.Ack[i]} w{d.Window[i]} f{(int)d.Flags[i]} b{d.BytesInFlight[i]} l{d.WireLength[i]}"))
            + " rtt " + string.Join(" ", d.AckRtt) + " sack " + string.Join(" ", d.Sack)));

    [Theory]
    [InlineData("lossy.pcap")]
    [InlineData("https-download.pcap")]
    [InlineData("port-reuse.pcap")]
    [InlineData("reorder.pcapng")]
    [InlineData("concurrent-resets.pcap")]
    [InlineData("zero-window-probe.pcap")]
    public void Reading_only_the_chosen_sessions_again_gives_the_series_of_a_full_pass(string capture)
    {
        List<Session> sessions;
        using (TcpCapture c = TcpCapture.Open(Data(capture)))
        {
            sessions = [.. c.Sessions()];
        }
        // every other session, so frames of sessions left out are interleaved with the wanted ones
        List<Session> chosen = [.. sessions.Where((_, i) => i % 2 == 0)];
        IReadOnlyDictionary<int, StreamSeries> many = StreamSeries.CollectMany([Data(capture)], chosen);

        Assert.Equal(chosen.Select(s => s.Stream).Order(), many.Keys.Order());
        foreach (Session s in chosen)
        {
            using TcpCapture c = TcpCapture.Open(Data(capture));
            string full = Describe(StreamSeries.Collect(c, s.Stream)!);
            string again = Describe(many[s.Stream]);
            // the reused-ports flag of a port-reuse SYN depends on the earlier connection, which is not read again
            Assert.Equal(full.Replace($"f{(int)AnalysisFlags.ReusedPorts}", "f0", StringComparison.Ordinal),
                again.Replace($"f{(int)AnalysisFlags.ReusedPorts}", "f0", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Series_hold_the_analysis_values_of_their_frames()
    {
        using TcpCapture c = TcpCapture.Open(Data("https-download.pcap"));
        List<AnalyzedPacket> frames = [.. c.Packets().Where(p => p.Analysis.Stream == 0)];
        using TcpCapture again = TcpCapture.Open(Data("https-download.pcap"));
        StreamSeries s = StreamSeries.Collect(again, 0)!;

        Assert.Equal(frames.Count, s.FrameCount);
        Assert.Equal(43200, s.Client.Port);
        Assert.Equal(443, s.Server.Port);
        // the server sent the download: its segments, retransmissions and the client's SACK blocks
        Assert.True(s.ServerToClient.PayloadBytes > 1_000_000);
        Assert.Equal(frames.Count(p => p.Segment.SourcePort == 443 && (p.Analysis.Flags & AnalysisFlags.Retransmission) != 0),
            s.ServerToClient.CountFlags(AnalysisFlags.Retransmission));
        Assert.Equal(17, s.ServerToClient.CountFlags(AnalysisFlags.LostSegment));
        Assert.NotEmpty(s.ClientToServer.Sack);
        long highest = s.ServerToClient.Seq.Zip(s.ServerToClient.Length, (q, l) => q + l).Max();
        Assert.All(s.ClientToServer.Sack, b => Assert.True(b.Left < b.Right && b.Right <= highest, $"{b}"));
        Assert.Equal(frames.Where(p => p.Segment.SourcePort == 43200).Select(p => p.Analysis.WindowSize), s.ClientToServer.Window);
        Assert.Equal(frames.Count(p => p.Segment.SourcePort == 43200 && p.Analysis.AckRttNs is not null), s.ClientToServer.AckRtt.Count);
    }

    [Fact]
    public void A_stream_the_capture_does_not_have_gives_null()
    {
        using TcpCapture c = TcpCapture.Open(Data("lossy.pcap"));
        Assert.Null(StreamSeries.Collect(c, 999));
    }
}
