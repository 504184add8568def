using TcpLens.Capture.Tests.Support;
using TcpLens.Correlation.Matching;

namespace TcpLens.Correlation.Tests;

/// <summary>The public multi-point captures of ../shared/captures/MANIFEST.md give the results stated there.</summary>
public class PublicPairTests
{
    private static MatchResult Match(string client, string server)
    {
        Skip.If(TestPaths.SharedCaptures is null, TestPaths.NoSharedCaptures);
        return StreamMatcher.Match(Path.Combine(TestPaths.SharedCaptures!, client), Path.Combine(TestPaths.SharedCaptures!, server));
    }

    [SkippableFact]
    public void Stwater20_client_and_server_captures_share_one_connection_with_the_server_clock_about_a_second_ahead()
    {
        MatchResult r = Match("stwater20_tcp_client.pcapng", "stwater20_tcp_server.pcapng");

        MatchedStream m = Assert.Single(r.Matched);
        Assert.Equal(MatchMethod.Isn, m.Method);
        Assert.Equal("192.168.0.81", m.ClientSide.Client.Address.ToString());
        Assert.Equal(51929, m.ClientSide.Client.Port);
        Assert.Equal(8964, m.ServerSide.Server.Port);
        // MANIFEST: SYNs 0.982 s apart, which includes the one-way delay; the estimate removes it
        Assert.InRange(r.Clock.Seconds, 0.960, 0.983);
        Assert.Empty(r.Missing);
        Assert.Empty(r.ServerOnly);
        Assert.Empty(r.Ambiguous);
    }

    [SkippableFact]
    public void Mail_client_and_relay_match_with_the_relay_clock_17_304_s_behind()
    {
        MatchResult r = Match("cs_mail_sender_client_1.pcapng", "cs_mail_sender_server_2.pcapng");

        MatchedStream m = Assert.Single(r.Matched);
        Assert.Equal(49313, m.ClientSide.Client.Port);
        Assert.Equal(25, m.ClientSide.Server.Port);
        Assert.InRange(r.Clock.Seconds, -17.306, -17.302);
        // the relay's own onward connection is not a connection the client could have seen
        Assert.Empty(r.ServerOnly);
        Assert.Empty(r.Missing);
    }

    [SkippableFact]
    public void Mail_relay_hop_matches_at_the_receiver_about_5_5_ms_ahead()
    {
        MatchResult r = Match("cs_mail_sender_server_2.pcapng", "cs_mail_receiver_server_3.pcapng");

        MatchedStream m = Assert.Single(r.Matched);
        Assert.Equal(56694, m.ClientSide.Client.Port);
        Assert.InRange(r.Clock.Seconds, 0.0050, 0.0060);
    }

    [SkippableFact]
    public void Probe_sender_and_receiver_without_a_syn_match_midstream_on_one_clock()
    {
        MatchResult r = Match("awbestimation_sender.pcap", "awbestimation_receiver.pcap");

        MatchedStream m = Assert.Single(r.Matched);
        Assert.Equal(MatchMethod.Midstream, m.Method);
        // same host clock (MANIFEST): only client-to-server evidence, consistent with 0
        Assert.Equal(0, r.Clock.OffsetNs);
        Assert.Equal(26_535_000, r.Clock.UpperNs);
    }

    [SkippableFact]
    public void Half_duplex_ssh_captures_match_all_20_connections_by_their_acknowledgements()
    {
        MatchResult r = Match("zeek_ssh.client-side-half-duplex.pcap", "zeek_ssh.server-side-half-duplex.pcap");

        Assert.Equal(20, r.Matched.Count);
        Assert.All(r.Matched, m =>
        {
            Assert.Equal(MatchMethod.Midstream, m.Method);
            Assert.Equal(m.ClientSide.Client.Port, m.ServerSide.Client.Port);
            Assert.Equal(m.ClientSide.Client.Address, m.ServerSide.Client.Address);
        });
        Assert.Empty(r.Missing);
        Assert.Empty(r.Ambiguous);
    }

    [SkippableFact]
    public void Half_duplex_captures_count_nothing_as_lost_in_the_direction_a_capture_never_shows()
    {
        MatchResult m = Match("zeek_ssh.client-side-half-duplex.pcap", "zeek_ssh.server-side-half-duplex.pcap");
        string dir = TestPaths.SharedCaptures!;
        Comparison.ComparisonResult r = Comparison.PacketComparer.Compare(
            Path.Combine(dir, "zeek_ssh.client-side-half-duplex.pcap"), Path.Combine(dir, "zeek_ssh.server-side-half-duplex.pcap"), m);

        Assert.Equal(0, r.TotalClientToServer.Lost + r.TotalServerToClient.Lost);
        Assert.Equal(838, r.TotalClientToServer.Sent);
        Assert.Equal(r.TotalClientToServer.Sent + r.TotalServerToClient.Sent, r.TotalClientToServer.Unobserved + r.TotalServerToClient.Unobserved);
        Assert.Equal("Verdict: no frame was seen at both points, so the path between them cannot be judged.", r.Verdict[^1]);
    }

    [SkippableFact]
    public void Mail_client_and_relay_lost_nothing_and_the_lan_hop_is_under_a_millisecond()
    {
        MatchResult m = Match("cs_mail_sender_client_1.pcapng", "cs_mail_sender_server_2.pcapng");
        string dir = TestPaths.SharedCaptures!;
        Comparison.ComparisonResult r = Comparison.PacketComparer.Compare(
            Path.Combine(dir, "cs_mail_sender_client_1.pcapng"), Path.Combine(dir, "cs_mail_sender_server_2.pcapng"), m);

        Comparison.StreamComparison s = Assert.Single(r.Streams);
        Assert.Equal(0, s.ClientToServer.Lost + s.ServerToClient.Lost);
        Assert.Equal(s.ClientToServer.Sent, s.ClientToServer.Matched);
        Assert.Equal(s.ServerToClient.Sent, s.ServerToClient.Matched);
        Assert.InRange(s.ClientToServer.Delay.Min, 0, 1_000_000);
        Assert.Equal(0, s.ClientToServer.Hops); // same LAN: no router between the points
    }
}
