using TcpLens.Correlation.Matching;

namespace TcpLens.Correlation.Tests;

/// <summary>Matching cases written frame by frame.</summary>
public class ScriptedMatchTests
{
    private const byte Syn = 0x02;

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
