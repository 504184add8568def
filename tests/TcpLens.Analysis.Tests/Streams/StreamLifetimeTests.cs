using TcpLens.Capture.Decoding;

namespace TcpLens.Analysis.Tests.Streams;

/// <summary>Streams end (and their state is dropped) on port reuse, when idle, and at the end of the capture.</summary>
public sealed class StreamLifetimeTests
{
    private static readonly NetAddress Client = NetAddress.Parse("10.0.0.1");
    private static readonly NetAddress Server = NetAddress.Parse("10.0.0.2");
    private const long Second = 1_000_000_000;

    [Fact]
    public void PortReuseEndsTheOldStreamAtOnce()
    {
        var a = new TcpAnalyzer();
        a.Analyze(1, 0, Seg(Client, 40000, Server, 80, 100, 0, TcpFlags.Syn));
        a.Analyze(2, 1, Seg(Client, 40000, Server, 80, 101, 0, TcpFlags.Rst));
        Assert.False(a.TryTakeEndedStream(out _));

        PacketAnalysis reuse = a.Analyze(3, 2, Seg(Client, 40000, Server, 80, 9000, 0, TcpFlags.Syn));

        Assert.Equal(1, reuse.Stream);
        Assert.Equal(AnalysisFlags.ReusedPorts, reuse.Flags);
        Assert.True(a.TryTakeEndedStream(out int ended));
        Assert.Equal(0, ended);
        Assert.True(a.TryGetStream(0, out _));   // readable until the next packet
        a.Analyze(4, 3, Seg(Server, 80, Client, 40000, 7000, 9001, TcpFlags.Syn | TcpFlags.Ack));
        Assert.False(a.TryGetStream(0, out _));
        Assert.Equal(1, a.ActiveStreamCount);
    }

    [Fact]
    public void ClosedConversationEndsAfterTheIdleTimeAndEnoughLaterPackets()
    {
        var options = new AnalysisOptions { MinIdlePackets = 100 };
        var a = new TcpAnalyzer(options);
        a.Analyze(1, 0, Seg(Client, 40000, Server, 80, 100, 0, TcpFlags.Syn));
        a.Analyze(2, 1, Seg(Server, 80, Client, 40000, 500, 101, TcpFlags.Rst | TcpFlags.Ack));
        long frame = 3;
        // another connection keeps the capture going for 6 minutes, 200 packets
        for (int i = 0; i < 200; i++)
        {
            a.Analyze(frame++, 2 + i * 2 * Second, Seg(Client, 50000, Server, 443, 1000, 0, TcpFlags.Syn));
        }
        Assert.True(a.TryTakeEndedStream(out int ended));
        Assert.Equal(0, ended);

        // a stray packet on the old ports now opens a new stream (Wireshark would say stream 0)
        PacketAnalysis stray = a.Analyze(frame, 401 * Second, Seg(Server, 80, Client, 40000, 501, 101, TcpFlags.Rst | TcpFlags.Ack));
        Assert.Equal(2, stray.Stream);
    }

    [Fact]
    public void ExpiryDependsOnTheConversationsOwnGapNotOnWhenSweepsRun()
    {
        // with no sweep at all, the late packet still finds its conversation over: the result
        // must not depend on which other packets (or threads) drove the sweeps
        var a = new TcpAnalyzer(new AnalysisOptions { MinIdlePackets = 100, SweepIntervalNs = long.MaxValue / 4 });
        a.Analyze(1, 0, Seg(Client, 40000, Server, 80, 100, 0, TcpFlags.Syn));
        a.Analyze(2, 1, Seg(Server, 80, Client, 40000, 500, 101, TcpFlags.Rst | TcpFlags.Ack));

        PacketAnalysis stray = a.Analyze(500, 60 * Second, Seg(Server, 80, Client, 40000, 501, 101, TcpFlags.Rst | TcpFlags.Ack));
        PacketAnalysis early = a.Analyze(510, 61 * Second, Seg(Client, 40001, Server, 80, 1, 0, TcpFlags.Syn));

        Assert.Equal(1, stray.Stream);
        Assert.Equal(2, early.Stream);
        Assert.True(a.TryTakeEndedStream(out int ended));
        Assert.Equal(0, ended);
    }

    [Fact]
    public void AStreamOpenedByPortReuseIsNotTakenForIdle()
    {
        // the new stream's clock starts at its SYN (capture times are epoch nanoseconds): a
        // retransmission 1 s later stays in it
        const long Epoch = 1_700_000_000 * Second;
        var a = new TcpAnalyzer(new AnalysisOptions { MinIdlePackets = 10, SweepIntervalNs = Second / 2 });
        a.Analyze(1, Epoch, Seg(Client, 40000, Server, 80, 100, 0, TcpFlags.Syn));
        a.Analyze(2, Epoch + 1000, Seg(Server, 80, Client, 40000, 500, 101, TcpFlags.Ack | TcpFlags.Fin));
        a.Analyze(3, Epoch + 2000, Seg(Client, 40000, Server, 80, 101, 501, TcpFlags.Ack | TcpFlags.Fin));
        PacketAnalysis reuse = a.Analyze(4, Epoch + 10 * Second, Seg(Client, 40000, Server, 80, 9000, 0, TcpFlags.Syn));
        long frame = 5;
        for (int i = 0; i < 20; i++)
        {
            a.Analyze(frame++, Epoch + 10 * Second + i * Second / 20, Seg(Client, 50000, Server, 443, 1, 0, TcpFlags.Syn));
        }

        PacketAnalysis again = a.Analyze(frame, Epoch + 11 * Second, Seg(Client, 40000, Server, 80, 9000, 0, TcpFlags.Syn));

        Assert.Equal((1, AnalysisFlags.ReusedPorts), (reuse.Stream, reuse.Flags));
        Assert.Equal((1, AnalysisFlags.Retransmission), (again.Stream, again.Flags));
    }

    [Fact]
    public void OneWildTimestampDoesNotEndConversations()
    {
        var a = new TcpAnalyzer();
        a.Analyze(1, 0, Seg(Client, 40000, Server, 80, 100, 0, TcpFlags.Syn));
        a.Analyze(2, 1, Seg(Client, 40001, Server, 80, 100, 0, TcpFlags.Syn));
        a.Analyze(3, 400_000 * Second, Seg(Client, 40002, Server, 80, 100, 0, TcpFlags.Syn));

        PacketAnalysis again = a.Analyze(4, 2, Seg(Server, 80, Client, 40000, 7, 101, TcpFlags.Syn | TcpFlags.Ack));

        Assert.Equal(0, again.Stream);
        Assert.False(a.TryTakeEndedStream(out _));
    }

    [Fact]
    public void ActiveStreamsStayBoundedOverManySequentialConnections()
    {
        var a = new TcpAnalyzer(new AnalysisOptions { MinIdlePackets = 1000 });
        long frame = 1;
        int peak = 0;
        for (int c = 0; c < 20_000; c++)
        {
            long t = c * Second / 10;   // one short connection every 100 ms
            ushort port = (ushort)(10000 + c % 50000);
            a.Analyze(frame++, t, Seg(Client, port, Server, 80, 1, 0, TcpFlags.Syn));
            a.Analyze(frame++, t + 1000, Seg(Server, 80, Client, port, 1, 2, TcpFlags.Syn | TcpFlags.Ack));
            a.Analyze(frame++, t + 2000, Seg(Client, port, Server, 80, 2, 2, TcpFlags.Ack | TcpFlags.Fin));
            a.Analyze(frame++, t + 3000, Seg(Server, 80, Client, port, 2, 3, TcpFlags.Ack | TcpFlags.Fin));
            while (a.TryTakeEndedStream(out _))
            {
            }
            peak = Math.Max(peak, a.ActiveStreamCount);
        }

        Assert.Equal(20_000, a.StreamCount);
        Assert.True(peak < 4000, $"{peak} streams held at once");
    }

    private static TcpSegment Seg(NetAddress src, ushort sport, NetAddress dst, ushort dport, uint seq, uint ack, TcpFlags flags) => new()
    {
        Outcome = DecodeOutcome.Tcp,
        IpVersion = 4,
        Source = src,
        Destination = dst,
        SourcePort = sport,
        DestinationPort = dport,
        Sequence = seq,
        Acknowledgement = ack,
        HeaderLength = 20,
        Flags = flags,
        Window = 1000,
        TcpLength = 20,
        TcpHeaderBytesRead = 20,
        IpId = 1,
        VlanId = -1,
    };
}
