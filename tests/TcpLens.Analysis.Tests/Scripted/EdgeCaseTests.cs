using TcpLens.Capture.Decoding;

namespace TcpLens.Analysis.Tests.Scripted;

/// <summary>
/// Small scripted segment sequences for the edge cases. Each expectation is what tshark 4.6.9
/// reports for the same packets written to a pcap (10.0.0.1:40000 ↔ 10.0.0.2:80, times in ms
/// from 1 s): stream, relative seq, relative ack, length, analysis flags and dup-ACK number.
/// </summary>
public sealed class EdgeCaseTests
{
    private static readonly NetAddress Client = NetAddress.Parse("10.0.0.1");
    private static readonly NetAddress Server = NetAddress.Parse("10.0.0.2");

    private readonly record struct Step(int Ms, bool FromClient, uint Seq, uint Ack, TcpFlags Flags, int Payload = 0);

    private readonly record struct Expect(uint Seq, uint Ack, int Len, string Flags = "", int DupAck = 0, int Stream = 0);

    private const TcpFlags S = TcpFlags.Syn, A = TcpFlags.Ack, F = TcpFlags.Fin, P = TcpFlags.Psh;

    private static Step C(int ms, uint seq, uint ack, TcpFlags flags, int payload = 0) => new(ms, true, seq, ack, flags, payload);

    private static Step Sv(int ms, uint seq, uint ack, TcpFlags flags, int payload = 0) => new(ms, false, seq, ack, flags, payload);

    [Fact]
    public void SequenceNumbersWrapAtTwoToThe32()
    {
        Check(
        [
            C(0, 0xFFFFFF00, 0, S), Sv(10, 5000, 0xFFFFFF01, S | A), C(20, 0xFFFFFF01, 5001, A),
            C(21, 0xFFFFFF01, 5001, A, 100), C(22, 0xFFFFFF65, 5001, A, 100), C(23, 0xFFFFFFC9, 5001, A, 100),
            Sv(40, 5001, 0x0000002D, A), C(300, 0xFFFFFF65, 5001, A, 100),
        ],
        [
            new(0, 0, 0), new(0, 1, 0), new(1, 1, 0),
            new(1, 1, 100), new(101, 1, 100), new(201, 1, 100),
            new(1, 301, 0), new(101, 1, 100, "retransmission;spurious_retransmission"),
        ]);
    }

    [Fact]
    public void RetransmittedSynStaysInItsStream()
    {
        Check(
        [C(0, 1000, 0, S), C(1000, 1000, 0, S), Sv(1010, 7000, 1001, S | A), C(1020, 1001, 7001, A)],
        [new(0, 0, 0), new(0, 0, 0, "retransmission"), new(0, 1, 0), new(1, 1, 0)]);
    }

    [Fact]
    public void DataOnTheSynCountsInTheSequenceSpace()
    {
        Check(
        [C(0, 1000, 0, S, 50), Sv(10, 7000, 1051, S | A), C(20, 1051, 7001, A), C(21, 1051, 7001, A, 100), Sv(30, 7001, 1151, A)],
        [new(0, 0, 50), new(0, 51, 0), new(51, 1, 0), new(51, 1, 100), new(1, 151, 0)]);
    }

    [Fact]
    public void RetransmittedFinIsARetransmission()
    {
        Check(
        [
            C(0, 1000, 0, S), Sv(10, 7000, 1001, S | A), C(20, 1001, 7001, A), C(21, 1001, 7001, A | P, 10),
            Sv(30, 7001, 1011, A), C(40, 1011, 7001, A | F), C(300, 1011, 7001, A | F), Sv(310, 7001, 1012, A | F), C(320, 1012, 7002, A),
        ],
        [
            new(0, 0, 0), new(0, 1, 0), new(1, 1, 0), new(1, 1, 10),
            new(1, 11, 0), new(11, 1, 0), new(11, 1, 0, "retransmission"), new(1, 12, 0), new(12, 2, 0),
        ]);
    }

    [Fact]
    public void AckSeenBeforeTheDataItAcknowledges()
    {
        // the ACK (frame 5) covers a segment the capture shows only afterwards (frame 6)
        Check(
        [
            C(0, 1000, 0, S), Sv(10, 7000, 1001, S | A), C(20, 1001, 7001, A), Sv(30, 7001, 1001, A, 100),
            C(31, 1001, 7201, A), Sv(32, 7101, 1001, A, 100), Sv(40, 7201, 1001, A, 100),
        ],
        [
            new(0, 0, 0), new(0, 1, 0), new(1, 1, 0), new(1, 1, 100),
            new(1, 201, 0, "ack_lost_segment"), new(101, 1, 100, "retransmission;spurious_retransmission"), new(201, 1, 100),
        ]);
    }

    [Fact]
    public void DuplicateAcksAreNumberedAndTriggerAFastRetransmission()
    {
        Check(
        [
            C(0, 1000, 0, S), Sv(10, 7000, 1001, S | A), C(20, 1001, 7001, A),
            Sv(30, 7001, 1001, A, 100), Sv(31, 7201, 1001, A, 100), C(32, 1001, 7101, A), Sv(33, 7301, 1001, A, 100),
            C(34, 1001, 7101, A), Sv(35, 7401, 1001, A, 100), C(36, 1001, 7101, A), Sv(37, 7101, 1001, A, 100), C(40, 1001, 7501, A),
        ],
        [
            new(0, 0, 0), new(0, 1, 0), new(1, 1, 0),
            new(1, 1, 100), new(201, 1, 100, "lost_segment"), new(1, 101, 0), new(301, 1, 100),
            new(1, 101, 0, "duplicate_ack", 1), new(401, 1, 100), new(1, 101, 0, "duplicate_ack", 2),
            new(101, 1, 100, "retransmission;fast_retransmission"), new(1, 501, 0),
        ]);
    }

    private static void Check(Step[] steps, Expect[] expected)
    {
        Assert.Equal(steps.Length, expected.Length);
        var analyzer = new TcpAnalyzer();
        for (int i = 0; i < steps.Length; i++)
        {
            Step s = steps[i];
            TcpSegment segment = Segment(s);
            PacketAnalysis a = analyzer.Analyze(i + 1, 1_000_000_000L + s.Ms * 1_000_000L, segment);
            Expect e = expected[i];
            string where = $"frame {i + 1}";
            Assert.True(a.HasStream, where);
            Assert.Equal((e.Stream, e.Seq, e.Ack, e.Len), (a.Stream, a.RelativeSeq, a.RelativeAck, a.SegmentLength));
            Assert.Equal(e.Flags, AnalysisFlagNames.Join(a.Flags));
            Assert.Equal(e.DupAck, a.DupAckNumber);
            Assert.Equal(1000, a.WindowSize);
        }
    }

    private static TcpSegment Segment(Step s) => new()
    {
        Outcome = DecodeOutcome.Tcp,
        IpVersion = 4,
        Source = s.FromClient ? Client : Server,
        Destination = s.FromClient ? Server : Client,
        SourcePort = s.FromClient ? (ushort)40000 : (ushort)80,
        DestinationPort = s.FromClient ? (ushort)80 : (ushort)40000,
        Sequence = s.Seq,
        Acknowledgement = s.Ack,
        HeaderLength = 20,
        Flags = s.Flags,
        Window = 1000,
        TcpLength = 20 + s.Payload,
        PayloadLength = s.Payload,
        CapturedPayloadLength = s.Payload,
        TcpHeaderBytesRead = 20,
        IpId = 1,
        VlanId = -1,
    };
}
