using TcpLens.Analysis.Sessions;
using TcpLens.Correlation.Matching;

namespace TcpLens.Correlation.Tests;

/// <summary>Matching cases written frame by frame.</summary>
public class ScriptedMatchTests
{
    private const byte Syn = 0x02, Ack = 0x10;

    [Fact]
    public void Two_equally_good_server_streams_are_reported_as_ambiguous_not_guessed()
    {
        // behind port translation, two server-side streams carry the client's SYN sequence
        // number, at the same time, with the same IP ID: nothing tells which one is the client's
        string client = new TwoPointPcap().Frame(0, true, 100, 0, Syn, 0, 1).Save("client.pcap");
        string server = new TwoPointPcap()
            .Frame(1_000, true, 100, 0, Syn, 0, 1, 63, clientPort: 50000)
            .Frame(1_000, true, 100, 0, Syn, 0, 1, 63, clientPort: 50001)
            .Save("server.pcap");

        MatchResult r = StreamMatcher.Match(client, server);

        Assert.Empty(r.Matched);
        AmbiguousMatch a = Assert.Single(r.Ambiguous);
        Assert.Equal(2, a.Candidates.Count);
        Assert.Empty(r.Missing);
        Assert.Empty(r.ServerOnly);
    }

    // Two services of one server, 10.0.0.2:80 and :81, each with a connection of every section:
    // matched, a SYN the server never saw, a stream only the server saw, one outside the other
    // capture's span at each side, and an ambiguous one (two NATed server streams with its SYN).
    // The client capture runs from 0 to 2 s, the server capture from 1 s to 5 s.
    private static (string Client, string Server) TwoServices()
    {
        var client = new TwoPointPcap();
        var server = new TwoPointPcap();
        foreach ((ushort port, int k) in new[] { ((ushort)80, 0), ((ushort)81, 1) })
        {
            client.Frame(100_000 * k, true, 500u + (uint)k, 0, Syn, 0, (ushort)(50 + k), clientPort: (ushort)(40004 + k), serverPort: port); // outside
        }
        foreach ((ushort port, int k) in new[] { ((ushort)80, 0), ((ushort)81, 1) })
        {
            long t = 1_100_000 + 400_000 * k;
            client.Frame(t, true, 100u + (uint)k, 0, Syn, 0, (ushort)(10 + k), clientPort: (ushort)(40000 + k), serverPort: port)          // matched
                .Frame(t + 100_000, true, 300u + (uint)k, 0, Syn, 0, (ushort)(30 + k), clientPort: (ushort)(40002 + k), serverPort: port) // missing
                .Frame(t + 200_000, true, 900u + (uint)k, 0, Syn, 0, (ushort)(90 + k), clientPort: (ushort)(40006 + k), serverPort: port); // ambiguous
            server.Frame(t + 1_000, true, 100u + (uint)k, 0, Syn, 0, (ushort)(10 + k), 63, clientPort: (ushort)(40000 + k), serverPort: port)
                .Frame(t + 150_000, true, 7000u + (uint)k, 0, Syn, 0, (ushort)(70 + k), 63, clientPort: (ushort)(50000 + k), serverPort: port) // server only
                .Frame(t + 201_000, true, 900u + (uint)k, 0, Syn, 0, (ushort)(90 + k), 63, clientPort: (ushort)(50010 + 2 * k), serverPort: port)
                .Frame(t + 201_000, true, 900u + (uint)k, 0, Syn, 0, (ushort)(90 + k), 63, clientPort: (ushort)(50011 + 2 * k), serverPort: port);
        }
        client.Frame(2_000_000, true, 1, 0, Ack, 0, 99, clientPort: 49999, serverPort: 9); // the client capture's last frame
        foreach ((ushort port, int k) in new[] { ((ushort)80, 0), ((ushort)81, 1) })
        {
            server.Frame(4_000_000 + k, true, 800u + (uint)k, 0, Syn, 0, (ushort)(80 + k), 63, clientPort: (ushort)(50020 + k), serverPort: port); // outside
        }
        return (client.Save("client.pcap"), server.Save("server.pcap"));
    }

    [Fact]
    public void A_server_filter_restricts_every_section()
    {
        (string client, string server) = TwoServices();

        MatchResult all = StreamMatcher.Match(client, server);
        MatchResult only80 = StreamMatcher.Match(client, server, new MatchOptions { Servers = [new EndpointPattern(null, 80)] });

        // unfiltered: every section has one connection per service
        Assert.Equal(2, all.Matched.Count);
        Assert.Equal(2, all.Missing.Count);
        Assert.Equal(2, all.ServerOnly.Count);
        Assert.Equal(2, all.MissingOutsideSpan.Count);
        Assert.Equal(2, all.ServerOnlyOutsideSpan.Count);
        Assert.Equal(2, all.Ambiguous.Count);
        // --server :80: one each, all to port 80
        Assert.Equal(80, Assert.Single(only80.Matched).ClientSide.Server.Port);
        Assert.Equal(80, Assert.Single(only80.Missing).Destination.Port);
        Assert.Equal(80, Assert.Single(only80.ServerOnly).Stream.Server.Port);
        Assert.Equal(80, Assert.Single(only80.MissingOutsideSpan).Destination.Port);
        Assert.Equal(80, Assert.Single(only80.ServerOnlyOutsideSpan).Stream.Server.Port);
        Assert.Equal(80, Assert.Single(only80.Ambiguous).ClientSide.Server.Port);
    }

    [Fact]
    public void A_rewritten_syn_with_nothing_in_common_is_missing_not_matched()
    {
        // a different IP ID, another client port and no clock evidence: the server's stream is
        // some other connection, and the client's SYN is reported missing
        string client = new TwoPointPcap().Frame(0, true, 100, 0, Syn, 0, 1).Frame(1_000_000, true, 100, 0, Syn, 0, 2).Save("client.pcap");
        string server = new TwoPointPcap()
            .Frame(1_000, true, 7_777, 0, Syn, 0, 9, 63, clientPort: 50000)
            .Frame(2_000_000, true, 7_777, 0, Syn, 0, 10, 63, clientPort: 50000) // its retransmission: the capture runs on
            .Save("server.pcap");

        MatchResult r = StreamMatcher.Match(client, server);

        Assert.Empty(r.Matched);
        Assert.Equal(2, Assert.Single(r.Missing).SynCount);
        Assert.Single(r.ServerOnly);
    }
}
