using TcpLens.Analysis.Streams;
using TcpLens.Capture.Tests.Support;

namespace TcpLens.Analysis.Tests;

public sealed class TcpCaptureTests
{
    private static string Clean => Path.Combine(TestPaths.TestData, "clean-http.pcap");

    [Fact]
    public void PacketsYieldsEveryTcpFrameInOrderWithItsAnalysis()
    {
        using TcpCapture capture = TcpCapture.Open(Clean);
        List<AnalyzedPacket> packets = capture.Packets().ToList();

        Assert.Null(capture.Error);
        Assert.Equal(102, packets.Count);
        Assert.True(packets.Zip(packets.Skip(1)).All(p => p.First.Frame < p.Second.Frame));
        Assert.Equal([0, 1, 2], packets.Select(p => p.Analysis.Stream).Distinct());
        Assert.All(packets, p => Assert.True(p.Analysis.HasStream));
        Assert.Equal(3, capture.Analyzer.StreamCount);
    }

    [Fact]
    public void StreamStateDescribesAFinishedConnection()
    {
        using TcpCapture capture = TcpCapture.Open(Clean);
        List<AnalyzedPacket> packets = capture.Packets().ToList();
        Assert.True(capture.Analyzer.TryGetStream(0, out StreamState s));
        AnalyzedPacket syn = packets[0];

        Assert.Equal(syn.Segment.SourceEndpoint, s.FirstSender);
        Assert.Equal(syn.Segment.DestinationEndpoint, s.FirstReceiver);
        Assert.Equal(syn.Segment.Sequence, s.FromFirst.BaseSeq);
        Assert.Equal(Completeness.Syn | Completeness.SynAck | Completeness.Ack | Completeness.Data | Completeness.Fin, s.Completeness);
        Assert.Equal(packets.First(p => p.Analysis.InitialRttNs is not null).Analysis.InitialRttNs, s.InitialRttNs);
        Assert.Equal(syn.Segment.WindowScale, s.FromFirst.WindowScale);
        Assert.Equal(syn.Segment.Mss, s.FromFirst.Mss);
        Assert.Equal(0, s.FromFirst.UnackedSegments);
        Assert.False(capture.Analyzer.TryGetStream(3, out _));
    }

    [Fact]
    public void DamagedCaptureGivesTheFramesBeforeTheDamageAndSaysWhere()
    {
        byte[] bytes = File.ReadAllBytes(Clean);
        using var cut = new MemoryStream(bytes, 0, bytes.Length - 30);
        using TcpCapture capture = TcpCapture.Open(cut, "cut.pcap");
        List<AnalyzedPacket> packets = capture.Packets().ToList();

        Assert.NotNull(capture.Error);
        Assert.Equal("cut.pcap", capture.Error!.File);
        Assert.Equal(packets[^1].Frame + 1, capture.Error.FrameNumber);
        Assert.Equal(101, packets.Count);
    }
}
