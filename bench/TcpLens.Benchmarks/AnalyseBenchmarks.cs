using BenchmarkDotNet.Attributes;
using TcpLens.Analysis;
using TcpLens.Capture.Decoding;

namespace TcpLens.Benchmarks;

/// <summary>
/// The analysis alone, per packet: one long connection (handshake, then 1448-byte segments,
/// an ACK every two, window-scaled) decoded in advance, fed to a fresh <see cref="TcpAnalyzer"/>.
/// "Allocated" is per packet: the conversation's few kilobytes spread over 200 000 packets; the
/// steady state allocates nothing.
/// </summary>
[MemoryDiagnoser]
public class AnalyseBenchmarks
{
    private const int Packets = 200_000;
    private TcpSegment[] _segments = [];

    [GlobalSetup]
    public void Setup()
    {
        var client = NetAddress.Parse("10.0.0.1");
        var server = NetAddress.Parse("10.0.0.2");
        _segments = new TcpSegment[Packets];
        uint cisn = 1000, sisn = 4_000_000_000; // the server's sequence numbers wrap past 2^32
        _segments[0] = Segment(client, 40000, server, 80, cisn, 0, TcpFlags.Syn, 0, 64240, 7);
        _segments[1] = Segment(server, 80, client, 40000, sisn, cisn + 1, TcpFlags.Syn | TcpFlags.Ack, 0, 65160, 7);
        _segments[2] = Segment(client, 40000, server, 80, cisn + 1, sisn + 1, TcpFlags.Ack, 0, 502, -1);
        uint next = sisn + 1;
        for (int i = 3; i < Packets; i++)
        {
            if (i % 3 == 2)
            {
                _segments[i] = Segment(client, 40000, server, 80, cisn + 1, next, TcpFlags.Ack, 0, 502, -1);
            }
            else
            {
                _segments[i] = Segment(server, 80, client, 40000, next, cisn + 1, TcpFlags.Ack, 1448, 509, -1);
                next = unchecked(next + 1448);
            }
        }
    }

    [Benchmark(Description = "analyse (per packet)", OperationsPerInvoke = Packets)]
    public int Analyse()
    {
        var analyzer = new TcpAnalyzer();
        int flagged = 0;
        for (int i = 0; i < _segments.Length; i++)
        {
            PacketAnalysis a = analyzer.Analyze(i + 1, 1_000_000_000L + i * 10_000L, _segments[i]);
            flagged += a.Flags == AnalysisFlags.None ? 0 : 1;
        }
        return flagged;
    }

    private static TcpSegment Segment(NetAddress src, ushort sport, NetAddress dst, ushort dport, uint seq, uint ack,
        TcpFlags flags, int payload, ushort window, int windowScale)
    {
        var s = new TcpSegment
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
            Window = window,
            TcpLength = 20 + payload,
            PayloadLength = payload,
            TcpHeaderBytesRead = 20,
            IpId = 1,
            VlanId = -1,
        };
        if (windowScale >= 0)
        {
            s.HasWindowScale = true;
            s.WindowScale = (byte)windowScale;
            s.HasMss = true;
            s.Mss = 1460;
        }
        return s;
    }
}
