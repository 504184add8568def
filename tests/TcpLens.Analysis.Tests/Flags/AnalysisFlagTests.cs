using TcpLens.Capture.Tests.Support;

namespace TcpLens.Analysis.Tests.Flags;

/// <summary>
/// Each analysis flag on a frame of the project's own captures (testdata/, made with real Linux
/// stacks by scripts/make-captures.sh), with the verdict tshark 4.6.9 gives the same frame.
/// </summary>
public sealed class AnalysisFlagTests
{
    [Theory]
    [InlineData("lossy.pcap", 25, "lost_segment", 0)]
    [InlineData("lossy.pcap", 27, "duplicate_ack", 1)]
    [InlineData("lossy.pcap", 28, "duplicate_ack", 2)]
    [InlineData("lossy.pcap", 35, "retransmission;fast_retransmission", 0)]
    [InlineData("lossy.pcap", 407, "out_of_order", 0)]
    [InlineData("pair-client.pcap", 330, "retransmission", 0)]
    [InlineData("reorder.pcapng", 13, "out_of_order", 0)]
    [InlineData("capture-gaps.pcap", 34, "ack_lost_segment", 0)]
    [InlineData("spurious.pcap", 171, "retransmission;spurious_retransmission", 0)]
    [InlineData("slow-reader.pcap", 10, "window_full", 0)]
    [InlineData("slow-reader.pcap", 14, "zero_window", 0)]
    [InlineData("slow-reader.pcap", 15, "keep_alive", 0)]
    [InlineData("slow-reader.pcap", 18, "window_update", 0)]
    [InlineData("zero-window-probe.pcap", 2119, "zero_window_probe", 0)]
    [InlineData("zero-window-probe.pcap", 2120, "zero_window;zero_window_probe_ack", 0)]
    [InlineData("keepalive.pcap", 6, "keep_alive", 0)]
    [InlineData("keepalive.pcap", 7, "keep_alive_ack", 0)]
    [InlineData("port-reuse.pcap", 14, "reused_ports", 0)]
    [InlineData("syn-retry.pcap", 2, "retransmission", 0)]
    public void FrameCarriesTsharksFlags(string capture, long frame, string flags, int dupAckNumber)
    {
        AnalyzedPacket packet = Frame(capture, frame);

        Assert.Equal(flags, AnalysisFlagNames.Join(packet.Analysis.Flags));
        Assert.Equal(dupAckNumber, packet.Analysis.DupAckNumber);
    }

    [Fact]
    public void WindowUpdateCarryingSackIsCountedAsDuplicateAck()
    {
        // lossy.pcap 313: same ack, new window and a SACK option; Wireshark's issue 14937 rule
        // makes it Dup ACK #1 instead of a window update.
        AnalyzedPacket packet = Frame("lossy.pcap", 313);

        Assert.True(packet.Segment.SackBlockCount > 0);
        Assert.Equal(AnalysisFlags.DuplicateAck, packet.Analysis.Flags);
        Assert.Equal(1, packet.Analysis.DupAckNumber);
    }

    [Fact]
    public void RetransmittedSynsStayInTheirStream()
    {
        using TcpCapture capture = TcpCapture.Open(Path.Combine(TestPaths.TestData, "syn-retry.pcap"));
        List<AnalyzedPacket> syns = capture.Packets().Where(p => p.Segment.Flags == Capture.Decoding.TcpFlags.Syn).ToList();

        Assert.Equal(3, syns.Count);
        Assert.All(syns, p => Assert.Equal(0, p.Analysis.Stream));
        Assert.Equal(AnalysisFlags.None, syns[0].Analysis.Flags);
        Assert.Equal(AnalysisFlags.Retransmission, syns[1].Analysis.Flags);
        Assert.Equal(AnalysisFlags.Retransmission, syns[2].Analysis.Flags);
        Assert.Equal(1, capture.Analyzer.StreamCount);
    }

    [Fact]
    public void EachReusedPortSynOpensTheNextStream()
    {
        using TcpCapture capture = TcpCapture.Open(Path.Combine(TestPaths.TestData, "port-reuse.pcap"));
        List<AnalyzedPacket> syns = capture.Packets().Where(p => p.Segment.Flags == Capture.Decoding.TcpFlags.Syn).ToList();

        Assert.Equal([0, 1, 2], syns.Select(p => p.Analysis.Stream));
        Assert.Equal([AnalysisFlags.None, AnalysisFlags.ReusedPorts, AnalysisFlags.ReusedPorts], syns.Select(p => p.Analysis.Flags));
        Assert.All(syns, p => Assert.Equal(0u, p.Analysis.RelativeSeq));
    }

    private static AnalyzedPacket Frame(string capture, long frame)
    {
        using TcpCapture tcp = TcpCapture.Open(Path.Combine(TestPaths.TestData, capture));
        foreach (AnalyzedPacket packet in tcp.Packets())
        {
            if (packet.Frame == frame)
            {
                return packet;
            }
        }
        throw new InvalidOperationException($"{capture} has no TCP frame {frame}");
    }
}
