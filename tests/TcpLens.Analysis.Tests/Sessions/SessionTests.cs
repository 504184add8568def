using TcpLens.Analysis.Sessions;
using TcpLens.Capture.Tests.Support;

namespace TcpLens.Analysis.Tests.Sessions;

/// <summary>Session summaries of the project's captures, whose making is known (testdata/MANIFEST.md).</summary>
public sealed class SessionTests
{
    private static List<Session> Sessions(string name)
    {
        using TcpCapture capture = TcpCapture.Open(Path.Combine(TestPaths.TestData, name));
        return capture.Sessions().ToList();
    }

    [Fact]
    public void CleanHttpConnectionsAreSfClosedByTheServer()
    {
        List<Session> sessions = Sessions("clean-http.pcap");

        Assert.Equal([0, 1, 2], sessions.Select(s => s.Stream));
        Assert.All(sessions, s =>
        {
            Assert.Equal("10.77.1.2", s.Client.Address.ToString());
            Assert.Equal((ushort)8080, s.Server.Port);
            Assert.Equal(ClientChoice.Syn, s.ClientChoice);
            Assert.Equal(ConnState.SF, s.State);
            Assert.Equal("ShADadfF", s.History);
            Assert.Equal(ClosedBy.ServerFin, s.ClosedBy);
            Assert.Equal(120, s.ClientToServer.PayloadBytes);
            Assert.Equal(20000, s.ServerToClient.PayloadBytes);
            Assert.Equal(1, s.ClientToServer.Syns);
            Assert.Equal(1460, s.ClientToServer.Mss);
            Assert.True(s.ClientToServer.SackPermitted && s.ServerToClient.SackPermitted);
            Assert.NotNull(s.EstablishedAt);
        });
    }

    [Fact]
    public void RefusedConnectionIsRejByServerRst()
    {
        Session s = Assert.Single(Sessions("refused.pcap").Take(1));

        Assert.Equal(ConnState.REJ, s.State);
        Assert.Equal("Sr", s.History);
        Assert.Equal(ClosedBy.ServerRst, s.ClosedBy);
        Assert.Null(s.SynAckDelayNs);
        Assert.Null(s.EstablishedAt);
    }

    [Theory]
    [InlineData("rst-client.pcap", ConnState.RSTO, ClosedBy.ClientRst)]
    [InlineData("rst-server.pcap", ConnState.RSTR, ClosedBy.ServerRst)]
    public void AbortiveClosesAreAttributedToTheResettingSide(string capture, ConnState state, ClosedBy closedBy)
    {
        Session s = Sessions(capture)[0];

        Assert.Equal(state, s.State);
        Assert.Equal(closedBy, s.ClosedBy);
    }

    [Fact]
    public void UnansweredSynsAreS0WithTheirRetransmissionsCounted()
    {
        // pair-client.pcap: the router drops every SYN to port 8081; Linux sends 4 SYNs per attempt
        List<Session> s0 = Sessions("pair-client.pcap").Where(s => s.Server.Port == 8081).ToList();

        Assert.Equal(2, s0.Count);
        Assert.All(s0, s =>
        {
            Assert.Equal(ConnState.S0, s.State);
            Assert.Equal(4, s.ClientToServer.Syns);
            Assert.Equal(3, s.Count(AnalysisFlags.Retransmission));
            Assert.Equal(0, s.ServerToClient.Packets);
            Assert.Equal(ClosedBy.None, s.ClosedBy);
        });
    }

    [Fact]
    public void SynAckDelayRunsFromTheFirstSynAndIrttFromTheLast()
    {
        // syn-retry.pcap: SYNs at 0, 1 and 2 s, the third answered
        Session s = Assert.Single(Sessions("syn-retry.pcap"));

        Assert.Equal(3, s.ClientToServer.Syns);
        Assert.InRange(s.SynAckDelayNs!.Value, 2_000_000_000, 2_100_000_000);
        Assert.InRange(s.InitialRttNs!.Value, 1, 10_000_000);
    }

    [Fact]
    public void PortReuseGivesOneSessionPerStream()
    {
        List<Session> sessions = Sessions("port-reuse.pcap");

        Assert.Equal(3, sessions.Count);
        Assert.All(sessions, s => Assert.Equal((ushort)45000, s.Client.Port));
        Assert.Equal(1, sessions[1].Count(AnalysisFlags.ReusedPorts));
        Assert.NotEqual(sessions[0].ClientToServer.Isn, sessions[1].ClientToServer.Isn);
    }

    [Fact]
    public void FlagCountsSumTheFramesCarryingEachFlag()
    {
        List<Session> sessions = Sessions("lossy.pcap");
        Session s = Assert.Single(sessions);

        Assert.Equal(12, s.Count(AnalysisFlags.LostSegment));
        Assert.Equal(95, s.Count(AnalysisFlags.DuplicateAck));
        Assert.Equal(9, s.Count(AnalysisFlags.Retransmission));
        Assert.Equal(9, s.Count(AnalysisFlags.FastRetransmission));
        Assert.Equal(9, s.ServerToClient.Flags[AnalysisFlags.Retransmission]);
        Assert.Equal(95, s.ClientToServer.Flags[AnalysisFlags.DuplicateAck]);
        Assert.True(s.RttSamples > 0 && s.RttMinNs <= s.RttAvgNs && s.RttAvgNs <= s.RttMaxNs);
    }

    [Fact]
    public void ClientResetsCountTheClientsOtherOpenConnectionsPerServer()
    {
        List<ResetEvent> resets = ResetReport.Build(Sessions("concurrent-resets.pcap"), ResetSide.Client);

        Assert.Equal(2, resets.Count);
        Assert.All(resets, r =>
        {
            Assert.Equal(5, r.OtherOpen);
            Assert.Equal(
                [("10.77.2.2:8080", 3), ("10.77.2.3:8080", 2)],
                r.OtherOpenByServer.Select(o => (o.Server.ToString(), o.Count)));
            Assert.Equal(ClosedBy.ClientRst, r.Session.ClosedBy);
        });
        Assert.Empty(ResetReport.Build(Sessions("concurrent-resets.pcap"), ResetSide.Server));
    }

    [Fact]
    public void ASessionComesOutAsSoonAsItsStreamEnds()
    {
        // port-reuse.pcap: each new SYN on port 45000 ends the previous stream
        using TcpCapture capture = TcpCapture.Open(Path.Combine(TestPaths.TestData, "port-reuse.pcap"));
        var tracker = new SessionTracker();
        var emittedAt = new List<(int Stream, long Frame)>();
        long lastFrame = 0;
        while (capture.TryReadPacket(out AnalyzedPacket p))
        {
            lastFrame = p.Frame;
            tracker.Add(p);
            while (capture.Analyzer.TryTakeEndedStream(out int stream))
            {
                tracker.End(stream);
            }
            while (tracker.TryTake(out Session s))
            {
                emittedAt.Add((s.Stream, p.Frame));
            }
            Assert.True(tracker.OpenCount <= 2, $"{tracker.OpenCount} streams open at frame {p.Frame}");
        }
        capture.Analyzer.EndAll();
        while (capture.Analyzer.TryTakeEndedStream(out int stream))
        {
            tracker.End(stream);
        }
        while (tracker.TryTake(out Session s))
        {
            emittedAt.Add((s.Stream, long.MaxValue));
        }

        Assert.Equal([0, 1, 2], emittedAt.Select(e => e.Stream));
        Assert.True(emittedAt[0].Frame < lastFrame && emittedAt[1].Frame < lastFrame);
        Assert.Equal(long.MaxValue, emittedAt[2].Frame);
        Assert.Equal(0, tracker.WaitingCount);
    }
}
