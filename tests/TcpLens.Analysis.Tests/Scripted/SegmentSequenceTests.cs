using static TcpLens.Analysis.Tests.Scripted.SegmentScript;

namespace TcpLens.Analysis.Tests.Scripted;

/// <summary>
/// Scripted segment sequences fed straight into <see cref="TcpAnalyzer"/>, for edge cases of the
/// sequence analysis: wrap-around at 2^32, retransmitted SYNs and port reuse, data on SYN,
/// retransmitted FINs, ACKs ahead of their data, duplicate ACKs and keep-alives. Every
/// expectation is what tshark 4.6.9 shows for a pcap holding the same packets (same addresses,
/// ports, times, raw numbers and options).
/// </summary>
public sealed class SegmentSequenceTests
{
    [Fact]
    public void SequenceNumbersWrapAroundTwoToThe32WithoutFalseFlags()
    {
        // expectations: tshark 4.6.9's output for the same packets (wrap.pcap)
        // Client ISN 0xFFFFFF00 (window scale 7 both ways): frame 6 crosses 2^32, frames 7 and 11 lie past it.
        // Frame 9 resends the unacknowledged crossing segment (retransmission); frame 13 resends it again
        // after it was acknowledged (spurious).
        Check(
        [
            Client(0, 0xFFFFFF00, 0, Syn, window: 512, mss: 1460, wscale: 7),
            Server(10, 0x00001000, 0xFFFFFF01, SynAck, window: 512, mss: 1460, wscale: 7),
            Client(20, 0xFFFFFF01, 0x00001001, Ack, window: 512),
            Client(21, 0xFFFFFF01, 0x00001001, PshAck, 100, window: 512),
            Client(22, 0xFFFFFF65, 0x00001001, PshAck, 100, window: 512),
            Client(23, 0xFFFFFFC9, 0x00001001, PshAck, 100, window: 512),
            Client(24, 0x0000002D, 0x00001001, PshAck, 100, window: 512),
            Server(33, 0x00001001, 0xFFFFFFC9, Ack, window: 512),
            Client(300, 0xFFFFFFC9, 0x00001001, PshAck, 100, window: 512),
            Server(310, 0x00001001, 0x00000091, Ack, window: 512),
            Client(311, 0x00000091, 0x00001001, PshAck, 100, window: 512),
            Server(320, 0x00001001, 0x000000F5, Ack, window: 512),
            Client(600, 0xFFFFFFC9, 0x00001001, PshAck, 100, window: 512),
        ],
        [
            new(0, 0, 0, 512),
            new(0, 1, 0, 512, RttMs: 10),
            new(1, 1, 0, 65536, RttMs: 10, IrttMs: 20),
            new(1, 1, 100, 65536, Bif: 100, IrttMs: 20),
            new(101, 1, 100, 65536, Bif: 200, IrttMs: 20),
            new(201, 1, 100, 65536, Bif: 300, IrttMs: 20),
            new(301, 1, 100, 65536, Bif: 400, IrttMs: 20),
            new(1, 201, 0, 65536, RttMs: 11, IrttMs: 20),
            new(201, 1, 100, 65536, R, Bif: 200, IrttMs: 20),
            new(1, 401, 0, 65536, RttMs: 286, IrttMs: 20),
            new(401, 1, 100, 65536, Bif: 100, IrttMs: 20),
            new(1, 501, 0, 65536, RttMs: 9, IrttMs: 20),
            new(201, 1, 100, 65536, R | Spurious, Bif: 100, IrttMs: 20),
        ]);
    }

    [Fact]
    public void ServerDataCrossingTheWrapIsAcknowledgedInRelativeNumbers()
    {
        // expectations: tshark 4.6.9's output for the same packets (wrap_server.pcap)
        // Server ISN 0xFFFFFFF0: its first data segment (frame 5) crosses 2^32; frame 9 repeats an older ACK.
        Check(
        [
            Client(0, 0x00001388, 0, Syn),
            Server(10, 0xFFFFFFF0, 0x00001389, SynAck),
            Client(20, 0x00001389, 0xFFFFFFF1, Ack),
            Client(21, 0x00001389, 0xFFFFFFF1, PshAck, 10),
            Server(30, 0xFFFFFFF1, 0x00001393, PshAck, 100),
            Server(31, 0x00000055, 0x00001393, PshAck, 100),
            Client(40, 0x00001393, 0x000000B9, Ack),
            Server(41, 0x000000B9, 0x00001393, PshAck, 100),
            Client(42, 0x00001393, 0x00000055, Ack),
            Client(50, 0x00001393, 0x0000011D, Ack),
        ],
        [
            new(0, 0, 0, 1000),
            new(0, 1, 0, 1000, RttMs: 10),
            new(1, 1, 0, 1000, RttMs: 10, IrttMs: 20),
            new(1, 1, 10, 1000, Bif: 10, IrttMs: 20),
            new(1, 11, 100, 1000, Bif: 100, RttMs: 9, IrttMs: 20),
            new(101, 11, 100, 1000, Bif: 200, IrttMs: 20),
            new(11, 201, 0, 1000, RttMs: 9, IrttMs: 20),
            new(201, 11, 100, 1000, Bif: 100, IrttMs: 20),
            new(11, 101, 0, 1000),
            new(11, 301, 0, 1000, RttMs: 9, IrttMs: 20),
        ]);
    }

    [Fact]
    public void IsnOfAllOnesPutsTheFirstDataByteAtRawSequenceZero()
    {
        // expectations: tshark 4.6.9's output for the same packets (wrap_isn_max.pcap)
        // Client ISN 0xFFFFFFFF: relative 1 is raw 0, so the next expected sequence number is 0 after the SYN.
        // Frame 7 resends the unacknowledged second segment.
        Check(
        [
            Client(0, 0xFFFFFFFF, 0, Syn),
            Server(10, 0x00001B58, 0, SynAck),
            Client(20, 0, 0x00001B59, Ack),
            Client(21, 0, 0x00001B59, PshAck, 100),
            Client(22, 0x00000064, 0x00001B59, PshAck, 100),
            Server(30, 0x00001B59, 0x00000064, Ack),
            Client(300, 0x00000064, 0x00001B59, PshAck, 100),
            Server(310, 0x00001B59, 0x000000C8, Ack),
            Client(311, 0x000000C8, 0x00001B59, PshAck, 100),
            Server(320, 0x00001B59, 0x0000012C, Ack),
        ],
        [
            new(0, 0, 0, 1000),
            new(0, 1, 0, 1000, RttMs: 10),
            new(1, 1, 0, 1000, RttMs: 10, IrttMs: 20),
            new(1, 1, 100, 1000, Bif: 100, IrttMs: 20),
            new(101, 1, 100, 1000, Bif: 200, IrttMs: 20),
            new(1, 101, 0, 1000, RttMs: 9, IrttMs: 20),
            new(101, 1, 100, 1000, R, Bif: 100, IrttMs: 20),
            new(1, 201, 0, 1000, RttMs: 288, IrttMs: 20),
            new(201, 1, 100, 1000, Bif: 100, IrttMs: 20),
            new(1, 301, 0, 1000, RttMs: 9, IrttMs: 20),
        ]);
    }

    [Fact]
    public void SynRetransmissionWithSameIsnStaysInItsStream()
    {
        // expectations: tshark 4.6.9's output for the same packets (synrtx.pcap)
        // The SYN is sent three times with the same ISN before the SYN/ACK.
        Check(
        [
            Client(0, 1000, 0, Syn, mss: 1460),
            Client(1000, 1000, 0, Syn, mss: 1460),
            Client(3000, 1000, 0, Syn, mss: 1460),
            Server(3010, 7000, 1001, SynAck, mss: 1460),
            Client(3020, 1001, 7001, Ack),
            Client(3021, 1001, 7001, PshAck, 10),
            Server(3030, 7001, 1011, Ack),
        ],
        [
            new(0, 0, 0, 1000),
            new(0, 0, 0, 1000, R),
            new(0, 0, 0, 1000, R),
            new(0, 1, 0, 1000, RttMs: 3010),
            new(1, 1, 0, 1000, RttMs: 10, IrttMs: 20),
            new(1, 1, 10, 1000, Bif: 10, IrttMs: 20),
            new(1, 11, 0, 1000, RttMs: 9, IrttMs: 20),
        ]);
    }

    [Fact]
    public void RetransmittedSynAndSynAckWithSameIsnAreRetransmissions()
    {
        // expectations: tshark 4.6.9's output for the same packets (synackrtx.pcap)
        // The ACK of the first SYN/ACK is lost: client resends its SYN, server resends its SYN/ACK.
        Check(
        [
            Client(0, 1000, 0, Syn),
            Server(10, 7000, 1001, SynAck),
            Client(1000, 1000, 0, Syn),
            Server(1010, 7000, 1001, SynAck),
            Client(1020, 1001, 7001, Ack),
        ],
        [
            new(0, 0, 0, 1000),
            new(0, 1, 0, 1000, RttMs: 10),
            new(0, 0, 0, 1000, R),
            new(0, 1, 0, 1000, R, RttMs: 10),
            new(1, 1, 0, 1000, RttMs: 1010, IrttMs: 20),
        ]);
    }

    [Fact]
    public void SynWithNewIsnAfterFinsOpensNewStreamWithReusedPorts()
    {
        // expectations: tshark 4.6.9's output for the same packets (reuse_fin.pcap)
        // A closed connection (FIN both ways), then a SYN with another ISN on the same ports.
        Check(
        [
            Client(0, 1000, 0, Syn),
            Server(10, 7000, 1001, SynAck),
            Client(20, 1001, 7001, Ack),
            Client(21, 1001, 7001, PshAck, 10),
            Server(30, 7001, 1011, Ack),
            Client(40, 1011, 7001, FinAck),
            Server(50, 7001, 1012, FinAck),
            Client(60, 1012, 7002, Ack),
            Client(2000, 50000, 0, Syn),
            Server(2010, 90000, 50001, SynAck),
            Client(2020, 50001, 90001, Ack),
            Client(2021, 50001, 90001, PshAck, 10),
        ],
        [
            new(0, 0, 0, 1000),
            new(0, 1, 0, 1000, RttMs: 10),
            new(1, 1, 0, 1000, RttMs: 10, IrttMs: 20),
            new(1, 1, 10, 1000, Bif: 10, IrttMs: 20),
            new(1, 11, 0, 1000, RttMs: 9, IrttMs: 20),
            new(11, 1, 0, 1000),
            new(1, 12, 0, 1000, RttMs: 10, IrttMs: 20),
            new(12, 2, 0, 1000, RttMs: 10, IrttMs: 20),
            new(0, 0, 0, 1000, Reused, Stream: 1),
            new(0, 1, 0, 1000, Stream: 1, RttMs: 10),
            new(1, 1, 0, 1000, Stream: 1, RttMs: 10, IrttMs: 20),
            new(1, 1, 10, 1000, Stream: 1, Bif: 10, IrttMs: 20),
        ]);
    }

    [Fact]
    public void SynWithNewIsnAfterRstOpensNewStreamWithReusedPorts()
    {
        // expectations: tshark 4.6.9's output for the same packets (reuse_rst.pcap)
        // The server resets the connection, then the client connects again with another ISN.
        Check(
        [
            Client(0, 1000, 0, Syn),
            Server(10, 7000, 1001, SynAck),
            Client(20, 1001, 7001, Ack),
            Server(30, 7001, 1001, RstAck),
            Client(1000, 60000, 0, Syn),
            Server(1010, 8000, 60001, SynAck),
            Client(1020, 60001, 8001, Ack),
        ],
        [
            new(0, 0, 0, 1000),
            new(0, 1, 0, 1000, RttMs: 10),
            new(1, 1, 0, 1000, RttMs: 10, IrttMs: 20),
            new(1, 1, 0, 1000),
            new(0, 0, 0, 1000, Reused, Stream: 1),
            new(0, 1, 0, 1000, Stream: 1, RttMs: 10),
            new(1, 1, 0, 1000, Stream: 1, RttMs: 10, IrttMs: 20),
        ]);
    }

    [Fact]
    public void SynWithSameIsnAfterRstStillOpensNewStream()
    {
        // expectations: tshark 4.6.9's output for the same packets (reuse_rst_same.pcap)
        // After a reset even a SYN with the old ISN opens a new stream.
        Check(
        [
            Client(0, 1000, 0, Syn),
            Server(10, 7000, 1001, SynAck),
            Client(20, 1001, 7001, Ack),
            Server(30, 7001, 1001, RstAck),
            Client(1000, 1000, 0, Syn),
            Server(1010, 7000, 1001, SynAck),
            Client(1020, 1001, 7001, Ack),
        ],
        [
            new(0, 0, 0, 1000),
            new(0, 1, 0, 1000, RttMs: 10),
            new(1, 1, 0, 1000, RttMs: 10, IrttMs: 20),
            new(1, 1, 0, 1000),
            new(0, 0, 0, 1000, Reused, Stream: 1),
            new(0, 1, 0, 1000, Stream: 1, RttMs: 10),
            new(1, 1, 0, 1000, Stream: 1, RttMs: 10, IrttMs: 20),
        ]);
    }

    [Fact]
    public void SynWithNewIsnOnOpenConnectionOpensNewStream()
    {
        // expectations: tshark 4.6.9's output for the same packets (reuse_open.pcap)
        // A SYN with another ISN on a connection that was never closed.
        Check(
        [
            Client(0, 1000, 0, Syn),
            Server(10, 7000, 1001, SynAck),
            Client(20, 1001, 7001, Ack),
            Client(21, 1001, 7001, PshAck, 10),
            Server(30, 7001, 1011, Ack),
            Client(5000, 40000, 0, Syn),
            Server(5010, 9000, 40001, SynAck),
            Client(5020, 40001, 9001, Ack),
        ],
        [
            new(0, 0, 0, 1000),
            new(0, 1, 0, 1000, RttMs: 10),
            new(1, 1, 0, 1000, RttMs: 10, IrttMs: 20),
            new(1, 1, 10, 1000, Bif: 10, IrttMs: 20),
            new(1, 11, 0, 1000, RttMs: 9, IrttMs: 20),
            new(0, 0, 0, 1000, Reused, Stream: 1),
            new(0, 1, 0, 1000, Stream: 1, RttMs: 10),
            new(1, 1, 0, 1000, Stream: 1, RttMs: 10, IrttMs: 20),
        ]);
    }

    [Fact]
    public void SynWithNewIsnWhileFirstSynIsUnansweredOpensNewStream()
    {
        // expectations: tshark 4.6.9's output for the same packets (reuse_unanswered.pcap)
        // The first SYN is never answered; the second, with another ISN, is.
        Check(
        [
            Client(0, 1000, 0, Syn),
            Client(1000, 2000, 0, Syn),
            Server(1010, 7000, 2001, SynAck),
            Client(1020, 2001, 7001, Ack),
        ],
        [
            new(0, 0, 0, 1000),
            new(0, 0, 0, 1000, Reused, Stream: 1),
            new(0, 1, 0, 1000, Stream: 1, RttMs: 10),
            new(1, 1, 0, 1000, Stream: 1, RttMs: 10, IrttMs: 20),
        ]);
    }

    [Fact]
    public void DataOnSynTakesSequenceSpaceAndNextSegmentIsNotLost()
    {
        // expectations: tshark 4.6.9's output for the same packets (tfo.pcap)
        // TCP Fast Open: the SYN carries 50 bytes, the SYN/ACK acknowledges them, the next data starts at relative 51.
        Check(
        [
            Client(0, 1000, 0, Syn, 50, mss: 1460),
            Server(10, 7000, 1051, SynAck, mss: 1460),
            Client(20, 1051, 7001, Ack),
            Client(21, 1051, 7001, PshAck, 100),
            Server(30, 7001, 1151, Ack),
        ],
        [
            new(0, 0, 50, 1000),
            new(0, 51, 0, 1000, RttMs: 10),
            new(51, 1, 0, 1000, RttMs: 10, IrttMs: 20),
            new(51, 1, 100, 1000, Bif: 100, IrttMs: 20),
            new(1, 151, 0, 1000, RttMs: 9, IrttMs: 20),
        ]);
    }

    [Fact]
    public void DataOnSynNotAcknowledgedIsRetransmittedAfterTheHandshake()
    {
        // expectations: tshark 4.6.9's output for the same packets (tfo_refused.pcap)
        // The SYN/ACK acknowledges only the SYN, so the client sends the 50 bytes again.
        Check(
        [
            Client(0, 1000, 0, Syn, 50, mss: 1460),
            Server(10, 7000, 1001, SynAck, mss: 1460),
            Client(20, 1001, 7001, Ack),
            Client(21, 1001, 7001, PshAck, 50),
            Server(30, 7001, 1051, Ack),
        ],
        [
            new(0, 0, 50, 1000),
            new(0, 1, 0, 1000, RttMs: 10),
            new(1, 1, 0, 1000, RttMs: 10, IrttMs: 20),
            new(1, 1, 50, 1000, R, Bif: 50, IrttMs: 20),
            new(1, 51, 0, 1000, RttMs: 30, IrttMs: 20),
        ]);
    }

    [Fact]
    public void FinSentTwiceIsARetransmission()
    {
        // expectations: tshark 4.6.9's output for the same packets (finrtx.pcap)
        // The client FIN (frame 6) goes unanswered and is sent again 260 ms later.
        Check(
        [
            Client(0, 1000, 0, Syn),
            Server(10, 7000, 1001, SynAck),
            Client(20, 1001, 7001, Ack),
            Client(21, 1001, 7001, PshAck, 10),
            Server(30, 7001, 1011, Ack),
            Client(40, 1011, 7001, FinAck),
            Client(300, 1011, 7001, FinAck),
            Server(310, 7001, 1012, FinAck),
            Client(320, 1012, 7002, Ack),
        ],
        [
            new(0, 0, 0, 1000),
            new(0, 1, 0, 1000, RttMs: 10),
            new(1, 1, 0, 1000, RttMs: 10, IrttMs: 20),
            new(1, 1, 10, 1000, Bif: 10, IrttMs: 20),
            new(1, 11, 0, 1000, RttMs: 9, IrttMs: 20),
            new(11, 1, 0, 1000),
            new(11, 1, 0, 1000, R, IrttMs: 20),
            new(1, 12, 0, 1000, RttMs: 270, IrttMs: 20),
            new(12, 2, 0, 1000, RttMs: 10, IrttMs: 20),
        ]);
    }

    [Fact]
    public void FinCarryingDataSentTwiceIsARetransmission()
    {
        // expectations: tshark 4.6.9's output for the same packets (findata_rtx.pcap)
        // The last data and the FIN in one segment, sent twice.
        Check(
        [
            Client(0, 1000, 0, Syn),
            Server(10, 7000, 1001, SynAck),
            Client(20, 1001, 7001, Ack),
            Client(21, 1001, 7001, FinPshAck, 10),
            Client(300, 1001, 7001, FinPshAck, 10),
            Server(310, 7001, 1012, Ack),
        ],
        [
            new(0, 0, 0, 1000),
            new(0, 1, 0, 1000, RttMs: 10),
            new(1, 1, 0, 1000, RttMs: 10, IrttMs: 20),
            new(1, 1, 10, 1000, Bif: 10, IrttMs: 20),
            new(1, 1, 10, 1000, R, Bif: 10, IrttMs: 20),
            new(1, 12, 0, 1000, RttMs: 289, IrttMs: 20),
        ]);
    }

    [Fact]
    public void AckBeforeItsDataIsAckLostSegmentAndTheLateDataIsSpurious()
    {
        // expectations: tshark 4.6.9's output for the same packets (ack_before_data.pcap)
        // Frame 5 acknowledges server data up to relative 201, of which only 1..101 was seen; the missing
        // segment arrives next (frame 6).
        Check(
        [
            Client(0, 1000, 0, Syn),
            Server(10, 7000, 1001, SynAck),
            Client(20, 1001, 7001, Ack),
            Server(30, 7001, 1001, PshAck, 100),
            Client(31, 1001, 7201, Ack),
            Server(32, 7101, 1001, PshAck, 100),
            Server(40, 7201, 1001, PshAck, 100),
            Client(50, 1001, 7301, Ack),
        ],
        [
            new(0, 0, 0, 1000),
            new(0, 1, 0, 1000, RttMs: 10),
            new(1, 1, 0, 1000, RttMs: 10, IrttMs: 20),
            new(1, 1, 100, 1000, Bif: 100, IrttMs: 20),
            new(1, 201, 0, 1000, AckLost, IrttMs: 20),
            new(101, 1, 100, 1000, R | Spurious, Bif: 100, IrttMs: 20),
            new(201, 1, 100, 1000, Bif: 200, IrttMs: 20),
            new(1, 301, 0, 1000, RttMs: 10, IrttMs: 20),
        ]);
    }

    [Fact]
    public void AckBeforeItsDataThenNextSegmentIsLostAndLateDataSpurious()
    {
        // expectations: tshark 4.6.9's output for the same packets (ack_before_data_late.pcap)
        // As above, but the server segment after the gap (frame 6) is seen before the missing one (frame 7).
        Check(
        [
            Client(0, 1000, 0, Syn),
            Server(10, 7000, 1001, SynAck),
            Client(20, 1001, 7001, Ack),
            Server(30, 7001, 1001, PshAck, 100),
            Client(31, 1001, 7201, Ack),
            Server(40, 7201, 1001, PshAck, 100),
            Server(41, 7101, 1001, PshAck, 100),
            Client(50, 1001, 7301, Ack),
        ],
        [
            new(0, 0, 0, 1000),
            new(0, 1, 0, 1000, RttMs: 10),
            new(1, 1, 0, 1000, RttMs: 10, IrttMs: 20),
            new(1, 1, 100, 1000, Bif: 100, IrttMs: 20),
            new(1, 201, 0, 1000, AckLost, IrttMs: 20),
            new(201, 1, 100, 1000, Lost, IrttMs: 20),
            new(101, 1, 100, 1000, R | Spurious, IrttMs: 20),
            new(1, 301, 0, 1000, RttMs: 10, IrttMs: 20),
        ]);
    }

    [Fact]
    public void DuplicateAcksAreNumberedAndLeadToFastRetransmission()
    {
        // expectations: tshark 4.6.9's output for the same packets (dupack.pcap)
        // Server segment 101..201 is lost; each later segment draws a duplicate ACK (#1, #2, #3), then the
        // server resends it within 20 ms of the last one.
        Check(
        [
            Client(0, 1000, 0, Syn),
            Server(10, 7000, 1001, SynAck),
            Client(20, 1001, 7001, Ack),
            Server(30, 7001, 1001, PshAck, 100),
            Server(31, 7201, 1001, PshAck, 100),
            Client(32, 1001, 7101, Ack),
            Server(33, 7301, 1001, PshAck, 100),
            Client(34, 1001, 7101, Ack),
            Server(35, 7401, 1001, PshAck, 100),
            Client(36, 1001, 7101, Ack),
            Client(37, 1001, 7101, Ack),
            Server(38, 7101, 1001, PshAck, 100),
            Client(45, 1001, 7501, Ack),
        ],
        [
            new(0, 0, 0, 1000),
            new(0, 1, 0, 1000, RttMs: 10),
            new(1, 1, 0, 1000, RttMs: 10, IrttMs: 20),
            new(1, 1, 100, 1000, Bif: 100, IrttMs: 20),
            new(201, 1, 100, 1000, Lost, IrttMs: 20),
            new(1, 101, 0, 1000, RttMs: 2, IrttMs: 20),
            new(301, 1, 100, 1000, Bif: 200, IrttMs: 20),
            new(1, 101, 0, 1000, Dup, DupAck: 1, IrttMs: 20),
            new(401, 1, 100, 1000, Bif: 300, IrttMs: 20),
            new(1, 101, 0, 1000, Dup, DupAck: 2, IrttMs: 20),
            new(1, 101, 0, 1000, Dup, DupAck: 3, IrttMs: 20),
            new(101, 1, 100, 1000, R | Fast, Bif: 400, IrttMs: 20),
            new(1, 501, 0, 1000, RttMs: 10, IrttMs: 20),
        ]);
    }

    [Fact]
    public void KeepAlivesAndTheirAcksArePaired()
    {
        // expectations: tshark 4.6.9's output for the same packets (keepalive.pcap)
        // An idle connection: a zero-length keep-alive at seq-1 after 60 s, then one with a garbage byte,
        // each answered by an ACK.
        Check(
        [
            Client(0, 1000, 0, Syn),
            Server(10, 7000, 1001, SynAck),
            Client(20, 1001, 7001, Ack),
            Client(21, 1001, 7001, PshAck, 10),
            Server(30, 7001, 1011, Ack),
            Client(60030, 1010, 7001, Ack),
            Server(60040, 7001, 1011, Ack),
            Client(120040, 1010, 7001, Ack, 1),
            Server(120050, 7001, 1011, Ack),
        ],
        [
            new(0, 0, 0, 1000),
            new(0, 1, 0, 1000, RttMs: 10),
            new(1, 1, 0, 1000, RttMs: 10, IrttMs: 20),
            new(1, 1, 10, 1000, Bif: 10, IrttMs: 20),
            new(1, 11, 0, 1000, RttMs: 9, IrttMs: 20),
            new(10, 1, 0, 1000, KeepAlive, IrttMs: 20),
            new(1, 11, 0, 1000, KeepAliveAck, IrttMs: 20),
            new(10, 1, 1, 1000, KeepAlive, Bif: 1, IrttMs: 20),
            new(1, 11, 0, 1000, KeepAliveAck, RttMs: 10, IrttMs: 20),
        ]);
    }
}
