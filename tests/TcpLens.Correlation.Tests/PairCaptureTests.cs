using TcpLens.Capture;
using TcpLens.Capture.Decoding;
using TcpLens.Capture.Tests.Support;
using TcpLens.Correlation.Comparison;
using TcpLens.Correlation.Matching;

namespace TcpLens.Correlation.Tests;

/// <summary>
/// testdata/pair-*.pcap (scripts/make-captures.sh, scenario pair): four connections to port 8080
/// with 2% of server-to-client data dropped by the router, and SYNs to port 8081 always dropped.
/// </summary>
public class PairCaptureTests
{
    private static readonly string Client = Path.Combine(TestPaths.TestData, "pair-client.pcap");
    private static readonly string Server = Path.Combine(TestPaths.TestData, "pair-server.pcap");

    [Fact]
    public void Connections_to_8080_match_by_isn_and_the_blocked_syns_are_missing_or_outside_the_span()
    {
        MatchResult r = StreamMatcher.Match(Client, Server);

        Assert.Equal(4, r.Matched.Count);
        Assert.All(r.Matched, m => Assert.Equal(MatchMethod.Isn, m.Method));
        Assert.All(r.Matched, m => Assert.Equal(m.ClientSide.ClientIsn, m.ServerSide.ClientIsn));
        MissingSyn missing = Assert.Single(r.Missing);
        Assert.Equal(8081, missing.Destination.Port);
        Assert.Equal(4, missing.SynCount);
        Assert.False(missing.Answered);
        // the second attempt began after the server capture had stopped
        MissingSyn late = Assert.Single(r.MissingOutsideSpan);
        Assert.Equal(8081, late.Destination.Port);
        Assert.True(late.FirstTime > r.Server.LastTime!.Value);
        // one host clock at both ends: the offset is within its own uncertainty of zero
        Assert.InRange(Math.Abs(r.Clock.OffsetNs), 0, r.Clock.UncertaintyNs!.Value);
    }

    [Fact]
    public void Frames_lost_between_the_points_are_exactly_those_missing_from_the_other_capture()
    {
        MatchResult match = StreamMatcher.Match(Client, Server);
        ComparisonResult r = PacketComparer.Compare(Client, Server, match);

        // independent count: frames of the 8080 connections present at the sending point
        // (by source, IP ID, sequence number) and absent at the receiving point
        HashSet<(NetAddress, int, uint)> atClient = Frames(Client), atServer = Frames(Server);
        NetAddress client = NetAddress.Parse("10.77.1.2");
        int lostUp = atClient.Count(f => f.Item1 == client && !atServer.Contains(f));
        int lostDown = atServer.Count(f => f.Item1 != client && !atClient.Contains(f));

        Assert.Equal(lostUp, r.Streams.Sum(s => s.ClientToServer.Lost));
        Assert.Equal(lostDown, r.Streams.Sum(s => s.ServerToClient.Lost));
        Assert.True(lostDown > 0, "the scenario drops server-to-client data");
        // every frame sent at one point and seen at the other is matched
        Assert.Equal(atClient.Count(f => f.Item1 == client) - lostUp, r.Streams.Sum(s => s.ClientToServer.Matched));
        // the 4 SYN transmissions to 8081 while the server capture ran count as lost in the total
        Assert.Equal(lostUp + 4, r.TotalClientToServer.Lost);
        // one router between the points, about 3 ms each way (nfq-delay 3 ms)
        Assert.All(r.Streams, s => Assert.Equal(1, s.ClientToServer.Hops));
        Assert.InRange(r.TotalClientToServer.Delay.Min, 3_000_000, 4_000_000);
        Assert.InRange(r.TotalServerToClient.Delay.Min, 3_000_000, 4_000_000);
        Assert.Contains(r.Verdict, l => l.StartsWith("Verdict: the network between the capture points loses frames", StringComparison.Ordinal));
    }

    private static HashSet<(NetAddress, int, uint)> Frames(string path)
    {
        var set = new HashSet<(NetAddress, int, uint)>();
        using CaptureReader reader = CaptureReader.Open(path);
        while (reader.TryRead(out CaptureFrame frame))
        {
            if (PacketDecoder.Decode(frame, out TcpSegment s) == DecodeOutcome.Tcp && (s.SourcePort == 8080 || s.DestinationPort == 8080))
            {
                set.Add((s.Source, s.IpId, s.Sequence));
            }
        }
        return set;
    }
}
