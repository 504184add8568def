using TcpLens.Correlation.Comparison;
using TcpLens.Correlation.Matching;

namespace TcpLens.Correlation.Tests;

/// <summary>Two-point cases written frame by frame, where the right answer is known by construction.</summary>
public class ScriptedComparisonTests
{
    private const byte Syn = 0x02, SynAck = 0x12, Ack = 0x10, PshAck = 0x18;

    private static ComparisonResult Compare(TwoPointPcap client, TwoPointPcap server)
    {
        string c = client.Save("client.pcap"), s = server.Save("server.pcap");
        return PacketComparer.Compare(c, s, StreamMatcher.Match(c, s));
    }

    // Handshake at both points: 1 ms each way, one router (TTL 64 → 63); the server clock is 2 s ahead.
    private static (TwoPointPcap Client, TwoPointPcap Server) Handshake()
    {
        var client = new TwoPointPcap()
            .Frame(0, true, 100, 0, Syn, 0, 1)
            .Frame(2_000, false, 500, 101, SynAck, 0, 0, 63)
            .Frame(2_100, true, 101, 501, Ack, 0, 2);
        var server = new TwoPointPcap()
            .Frame(2_001_000, true, 100, 0, Syn, 0, 1, 63)
            .Frame(2_001_000, false, 500, 101, SynAck, 0, 0)
            .Frame(2_003_100, true, 101, 501, Ack, 0, 2, 63);
        return (client, server);
    }

    [Fact]
    public void A_segment_cut_in_two_on_the_way_is_resegmented_not_lost()
    {
        (TwoPointPcap client, TwoPointPcap server) = Handshake();
        // the client's capture shows one 2000-byte frame (TSO); the server receives two of 1000
        client.Frame(10_000, true, 101, 501, PshAck, 2000, 3).Frame(12_500, false, 501, 2101, Ack, 0, 1, 63);
        server.Frame(2_011_000, true, 101, 501, PshAck, 1000, 3, 63).Frame(2_011_010, true, 1101, 501, PshAck, 1000, 4, 63)
            .Frame(2_011_500, false, 501, 2101, Ack, 0, 1);

        ComparisonResult r = Compare(client, server);

        Assert.Equal(2.0, r.Match.Clock.Seconds, 3);
        DirectionComparison up = Assert.Single(r.Streams).ClientToServer;
        Assert.Equal(0, up.Lost);
        Assert.Equal(0, up.OnlyAtReceiver);
        Assert.Equal(3, up.Resegmented); // the big frame at the client, its two parts at the server
        Assert.Equal(1, up.Hops);
    }

    [Fact]
    public void A_segment_missing_at_the_server_and_retransmitted_is_lost_once()
    {
        (TwoPointPcap client, TwoPointPcap server) = Handshake();
        client.Frame(10_000, true, 101, 501, PshAck, 1000, 3)
            .Frame(310_000, true, 101, 501, PshAck, 1000, 4)
            .Frame(312_000, false, 501, 1101, Ack, 0, 1, 63);
        server.Frame(2_311_000, true, 101, 501, PshAck, 1000, 4, 63).Frame(2_311_000, false, 501, 1101, Ack, 0, 1);

        ComparisonResult r = Compare(client, server);

        DirectionComparison up = Assert.Single(r.Streams).ClientToServer;
        Assert.Equal(1, up.Lost);
        Assert.Equal(1, up.Retransmissions);
        Assert.Equal(0, up.RetransmissionsOfDelivered);
        Assert.Equal(0, up.Resegmented);
        Assert.Equal(1_000_000, up.Delay.Min);
    }

    [Fact]
    public void A_retransmission_of_a_delivered_segment_is_not_the_paths_fault()
    {
        (TwoPointPcap client, TwoPointPcap server) = Handshake();
        // the segment arrives; its ACK is lost beyond the server point, so the client resends it
        client.Frame(10_000, true, 101, 501, PshAck, 1000, 3)
            .Frame(310_000, true, 101, 501, PshAck, 1000, 4)
            .Frame(312_000, false, 501, 1101, Ack, 0, 2, 63);
        server.Frame(2_011_000, true, 101, 501, PshAck, 1000, 3, 63).Frame(2_011_000, false, 501, 1101, Ack, 0, 1)
            .Frame(2_311_000, true, 101, 501, PshAck, 1000, 4, 63).Frame(2_311_000, false, 501, 1101, Ack, 0, 2);

        ComparisonResult r = Compare(client, server);

        StreamComparison s = Assert.Single(r.Streams);
        Assert.Equal(0, s.ClientToServer.Lost);
        Assert.Equal(1, s.ClientToServer.RetransmissionsOfDelivered);
        Assert.Equal(1, s.ServerToClient.Lost); // the first ACK never reached the client point
    }

    [Fact]
    public void A_copy_made_on_the_path_is_a_duplicate()
    {
        (TwoPointPcap client, TwoPointPcap server) = Handshake();
        client.Frame(10_000, true, 101, 501, PshAck, 100, 3);
        server.Frame(2_011_000, true, 101, 501, PshAck, 100, 3, 63).Frame(2_011_050, true, 101, 501, PshAck, 100, 3, 63);

        ComparisonResult r = Compare(client, server);

        DirectionComparison up = Assert.Single(r.Streams).ClientToServer;
        Assert.Equal(1, up.Duplicated);
        Assert.Equal(0, up.Lost);
        Assert.Equal(0, up.OnlyAtReceiver);
    }

    [Fact]
    public void A_duplicate_of_a_delivered_retransmission_does_not_stand_in_for_its_lost_original()
    {
        (TwoPointPcap client, TwoPointPcap server) = Handshake();
        // the original (IP ID 3) is lost; its retransmission (IP ID 4, the same numbers) arrives twice
        client.Frame(10_000, true, 101, 501, PshAck, 100, 3).Frame(310_000, true, 101, 501, PshAck, 100, 4)
            .Frame(312_100, false, 501, 201, Ack, 0, 1, 63);
        server.Frame(2_311_000, true, 101, 501, PshAck, 100, 4, 63).Frame(2_311_050, true, 101, 501, PshAck, 100, 4, 63)
            .Frame(2_311_100, false, 501, 201, Ack, 0, 1);

        ComparisonResult r = Compare(client, server);

        DirectionComparison up = Assert.Single(r.Streams).ClientToServer;
        Assert.Equal(1, up.Lost);
        Assert.Equal(1, up.Duplicated);
        Assert.Equal(3, up.Matched); // SYN, ACK, the retransmission
        Assert.Equal(0, up.OnlyAtReceiver + up.Resegmented + up.IpIdChanged);
    }

    [Fact]
    public void A_duplicate_of_the_original_does_not_take_the_place_of_its_retransmission_in_flight()
    {
        (TwoPointPcap client, TwoPointPcap server) = Handshake();
        // a spurious retransmission (IP ID 4) leaves before the path's second copy of the original arrives
        client.Frame(10_000, true, 101, 501, PshAck, 100, 3).Frame(10_500, true, 101, 501, PshAck, 100, 4);
        server.Frame(2_011_000, true, 101, 501, PshAck, 100, 3, 63).Frame(2_011_200, true, 101, 501, PshAck, 100, 3, 63)
            .Frame(2_011_500, true, 101, 501, PshAck, 100, 4, 63);

        ComparisonResult r = Compare(client, server);

        DirectionComparison up = Assert.Single(r.Streams).ClientToServer;
        Assert.Equal(4, up.Matched);
        Assert.Equal(1, up.Duplicated);
        Assert.Equal(0, up.Lost + up.Reordered + up.OnlyAtReceiver);
        Assert.Equal(1_000_000, up.Delay.Min); // every frame took 1 ms: none paired with another's copy
        Assert.Equal(1_000_000, up.Delay.Max);
    }

    [Fact]
    public void A_late_copy_of_an_original_is_a_duplicate_even_after_its_retransmission_arrived()
    {
        (TwoPointPcap client, TwoPointPcap server) = Handshake();
        client.Frame(10_000, true, 101, 501, PshAck, 100, 3).Frame(10_500, true, 101, 501, PshAck, 100, 4);
        server.Frame(2_011_000, true, 101, 501, PshAck, 100, 3, 63).Frame(2_011_500, true, 101, 501, PshAck, 100, 4, 63)
            .Frame(2_011_700, true, 101, 501, PshAck, 100, 3, 63);

        ComparisonResult r = Compare(client, server);

        DirectionComparison up = Assert.Single(r.Streams).ClientToServer;
        Assert.Equal(1, up.Duplicated);
        Assert.Equal(0, up.OnlyAtReceiver + up.Lost);
    }

    [Fact]
    public void Where_the_path_rewrites_ip_ids_frames_pair_by_their_numbers()
    {
        // a middlebox gives every client-to-server packet a new IP ID (its own + 1000)
        var client = new TwoPointPcap()
            .Frame(0, true, 100, 0, Syn, 0, 1)
            .Frame(2_000, false, 500, 101, SynAck, 0, 0, 63)
            .Frame(2_100, true, 101, 501, Ack, 0, 2)
            .Frame(10_000, true, 101, 501, PshAck, 100, 3)
            .Frame(10_100, true, 201, 501, PshAck, 100, 4)
            .Frame(12_500, false, 501, 301, Ack, 0, 1, 63);
        var server = new TwoPointPcap()
            .Frame(2_001_000, true, 100, 0, Syn, 0, 1001, 63)
            .Frame(2_001_000, false, 500, 101, SynAck, 0, 0)
            .Frame(2_003_100, true, 101, 501, Ack, 0, 1002, 63)
            .Frame(2_011_000, true, 101, 501, PshAck, 100, 1003, 63)
            .Frame(2_011_100, true, 201, 501, PshAck, 100, 1004, 63)
            .Frame(2_011_500, false, 501, 301, Ack, 0, 1);

        ComparisonResult r = Compare(client, server);

        DirectionComparison up = Assert.Single(r.Streams).ClientToServer;
        Assert.Equal(4, up.Matched);
        Assert.Equal(4, up.IpIdChanged);
        Assert.Equal(0, up.Lost + up.OnlyAtReceiver + up.Duplicated);
        Assert.Equal(0, Assert.Single(r.Streams).ServerToClient.IpIdChanged);
    }
}
