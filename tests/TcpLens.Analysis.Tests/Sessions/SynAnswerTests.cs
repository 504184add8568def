using TcpLens.Analysis.Sessions;
using TcpLens.Capture.Tests.Support;

namespace TcpLens.Analysis.Tests.Sessions;

/// <summary>How the server answered the first SYN, on captures whose making is known.</summary>
public sealed class SynAnswerTests
{
    private static List<Session> Sessions(string path)
    {
        using TcpCapture capture = TcpCapture.Open(path);
        return capture.Sessions().ToList();
    }

    [Theory]
    [InlineData("clean-http.pcap", 0, SynAnswer.SynAck)]
    [InlineData("syn-retry.pcap", 0, SynAnswer.SynAck)] // two SYNs dropped, the third answered
    [InlineData("refused.pcap", 0, SynAnswer.Reset)]
    [InlineData("refused.pcap", 1, SynAnswer.Reset)]
    [InlineData("pair-client.pcap", 0, SynAnswer.None)] // the router dropped all four SYNs
    public void Lab_captures(string name, int stream, SynAnswer expected)
    {
        Session s = Sessions(Path.Combine(TestPaths.TestData, name)).Single(x => x.Stream == stream);

        Assert.Equal(expected, s.SynAnswer);
    }

    [SkippableFact]
    public void A_bare_ack_with_an_unrelated_ack_number_is_a_challenge_ack()
    {
        Skip.If(TestPaths.SharedCaptures is null, TestPaths.NoSharedCaptures);
        // Stream 0: SYN, the server's ACK of 3058576675 (not the SYN's 561364819), the client's
        // RST with that number as its seq; the retry with the same ISN is stream 2 and connects.
        List<Session> sessions = Sessions(Path.Combine(TestPaths.SharedCaptures!, "suricata_tls-subjectaltname_input.pcap"));

        Assert.Equal(SynAnswer.ChallengeAck, sessions[0].SynAnswer);
        Assert.Equal(SynAnswer.ChallengeAck, sessions[1].SynAnswer);
        Assert.Equal(SynAnswer.SynAck, sessions[2].SynAnswer);
        Assert.Equal(sessions[0].Client.Port, sessions[2].Client.Port);
    }

    [SkippableFact]
    public void A_capture_that_starts_mid_connection_has_no_syn()
    {
        Skip.If(TestPaths.SharedCaptures is null, TestPaths.NoSharedCaptures);
        List<Session> sessions = Sessions(Path.Combine(TestPaths.SharedCaptures!, "tcpdump_tcp_rst_diag_payload.pcap"));

        Assert.All(sessions, s => Assert.Equal(SynAnswer.NoSyn, s.SynAnswer));
    }
}
