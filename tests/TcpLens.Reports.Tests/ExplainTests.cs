using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;
using TcpLens.Capture.Tests.Support;
using TcpLens.Reports.Explain;

namespace TcpLens.Reports.Tests;

/// <summary>The narrative on the project's captures that show each kind of event.</summary>
public class ExplainTests
{
    private static Explanation Explain(string name, int stream = 0)
    {
        string path = Path.Combine(TestPaths.TestData, name);
        Session session;
        using (TcpCapture c = TcpCapture.Open(path))
        {
            session = c.Sessions().Single(s => s.Stream == stream);
        }
        using TcpCapture again = TcpCapture.Open(path);
        return StreamExplainer.Explain(session, Ladder.Ladder.Build(again, stream)!);
    }

    [Fact]
    public void Lost_segments_are_tied_to_their_duplicate_acks_and_fast_retransmissions()
    {
        Explanation e = Explain("lossy.pcap");

        Assert.Contains("The client's ACK in frame 10 completed the handshake: initial round-trip time 10.6 ms", e.Handshake[2], StringComparison.Ordinal);
        Assert.Contains(e.Anomalies, l => l.StartsWith("Frame 25: the server's segment at seq 10137 arrived but 1 448 bytes before it (seq 8689-10137) never passed the capture point", StringComparison.Ordinal)
                                        && l.EndsWith("Repaired by a fast retransmission in frame 35, 11.1 ms later.", StringComparison.Ordinal));
        Assert.Contains("Frames 27, 28, 30, 32 and 34: the client sent 5 duplicate ACKs for seq 8689 (duplicates of frame 24)", e.Anomalies[1], StringComparison.Ordinal);
        Assert.StartsWith("Frame 35: the server resent seq 8689-10137 after the client's duplicate ACKs: a fast retransmission", e.Anomalies[2], StringComparison.Ordinal);
        Assert.Equal("The server sent its FIN in frame 409 first, with 84 336 bytes of its data not yet acknowledged.", e.Close[0]);
        Assert.StartsWith("packet loss: 12 gaps in the capture and 9 retransmissions (9 fast)", e.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zero_window_is_receiver_pressure_and_its_reopening_is_named()
    {
        Explanation e = Explain("slow-reader.pcap");

        // the fill / zero window / reopen cycle repeats 19 times and is told once
        Assert.Contains(e.Anomalies, l => l.StartsWith("Frames 23-172: the same 3 steps repeated 19 times; the first time: Frames 23 and 25: the server's data filled the client's advertised receive window", StringComparison.Ordinal)
                                        && l.Contains("Frame 26: the client advertised a zero window", StringComparison.Ordinal)
                                        && l.Contains("The window reopened in frame 27", StringComparison.Ordinal));
        Assert.Contains(e.Anomalies, l => l.StartsWith("Frame 11: the server resent seq 4345-4369 (first sent in frame 10, 14.0 ms earlier) while the client's window was full: a window probe", StringComparison.Ordinal));
        Assert.Contains("receiver pressure", e.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Spurious_retransmissions_and_their_d_sacks_report_nothing_missing()
    {
        Explanation e = Explain("spurious.pcap");

        Assert.StartsWith("Frame 173: the server resent seq 65537-66985 (first sent in frame 93, 247.9 ms earlier), data the client had already acknowledged: a spurious retransmission", e.Anomalies[2], StringComparison.Ordinal);
        Assert.Equal("Frame 174: the client answered the duplicate data with a duplicate ACK (a D-SACK when SACK is on): nothing was missing.", e.Anomalies[3]);
        Assert.StartsWith("3 spurious retransmissions", e.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Syn_retries_make_a_slow_start()
    {
        Explanation e = Explain("syn-retry.pcap");

        Assert.Contains("It sent the SYN 2 more times (frames 2 and 3) before the server answered", e.Handshake[1], StringComparison.Ordinal);
        Assert.Equal("a slow start: 2 SYN retransmissions before the server answered, 2.051 s after the first SYN.", e.Verdict);
    }

    [Fact]
    public void Refused_and_reset_connections()
    {
        Explanation refused = Explain("refused.pcap");
        Explanation serverReset = Explain("rst-server.pcap");
        Explanation clientReset = Explain("rst-client.pcap");

        Assert.Equal("The server's RST in frame 2 answered the SYN: the connection was refused and never opened.", Assert.Single(refused.Close));
        Assert.Equal("the server refused the connection.", refused.Verdict);
        Assert.Contains(serverReset.Close, l => l.StartsWith("The server reset the connection (RST) in frame 14 without a FIN before it", StringComparison.Ordinal));
        Assert.Contains(clientReset.Close, l => l.StartsWith("The client reset the connection (RST) in frame 62", StringComparison.Ordinal));
        Assert.Contains("an abortive end: the client reset the connection", clientReset.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Capture_point_drops_are_told_apart_from_network_loss()
    {
        Explanation e = Explain("capture-gaps.pcap");

        Assert.Contains(e.Anomalies, l => l.StartsWith("Frame 34: the client acknowledged server data that the capture never showed", StringComparison.Ordinal));
        Assert.Contains(e.Anomalies, l => l.Contains("The client acknowledged past it in frame 36, so it did arrive: the capture point missed it.", StringComparison.Ordinal));
        Assert.Contains("the capture point missed frames", e.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Keep_alives_reordering_and_a_clean_connection()
    {
        Assert.Contains(Explain("keepalive.pcap").Anomalies, l => l.StartsWith("Frames 6, 7, 8, 9, 10, 11, 12 and 13: keep-alive probes from the client", StringComparison.Ordinal));
        Assert.Contains(Explain("reorder.pcapng").Anomalies, l => l.StartsWith("Frame 13: the server's segment came after a later one (out of order)", StringComparison.Ordinal));
        Explanation clean = Explain("clean-http.pcap");
        Assert.Empty(clean.Anomalies);
        Assert.Equal("a clean connection: no loss, no retransmission, no window trouble, closed normally.", clean.Verdict);
        Assert.Contains("Anomalies: none", clean.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_https_download_with_loss_and_a_server_rst_after_fin()
    {
        // testdata/https-download.pcap (scripts/make-captures.sh https_download): TLS 1.3, 1.5%
        // server-to-client loss on the router, the server's FIN then its RST (tshark 4.6.9:
        // ClientHello frame 11 with SNI download.example, first gap frame 76, first fast
        // retransmission frame 138, server FIN frame 1244, server RST frame 1257)
        Explanation e = Explain("https-download.pcap");

        Assert.Contains(e.Data, l => l.StartsWith("frame 11: the client sent 517 bytes in 1 segment starting with TLS ClientHello (SNI download.example)", StringComparison.Ordinal));
        Assert.StartsWith("Frame 76: the server's segment at seq 59811 arrived but 1 448 bytes before it (seq 58363-59811) never passed the capture point", e.Anomalies[0], StringComparison.Ordinal);
        Assert.EndsWith("Repaired by a fast retransmission in frame 138, 12.0 ms later.", e.Anomalies[0], StringComparison.Ordinal);
        Assert.StartsWith("Frames 79, 81, 84, 87, 90, 94, 98 and 102: the client sent 8 duplicate ACKs for seq 58363", e.Anomalies[1], StringComparison.Ordinal);
        Assert.Equal(17, e.Anomalies.Count(l => l.Contains("never passed the capture point", StringComparison.Ordinal)));
        Assert.StartsWith("The server sent its FIN in frame 1244 first", e.Close[0], StringComparison.Ordinal);
        Assert.Contains(e.Close, l => l.StartsWith("The server reset the connection (RST) in frame 1257 13.8 ms after its own FIN (frame 1244)", StringComparison.Ordinal)
                                    && l.Contains("abortively after its FIN", StringComparison.Ordinal));
        Assert.Equal("packet loss: 17 gaps in the capture and 12 retransmissions (12 fast), the slowest repair taking 12.7 ms; an abortive end: the server reset the connection.", e.Verdict);
    }

    public static TheoryData<string> SharedCaptures() =>
        [.. TestPaths.SharedCaptureFiles().Select(f => Path.GetFileName(f)).DefaultIfEmpty("(none)")];

    [SkippableTheory]
    [MemberData(nameof(SharedCaptures))]
    public void Every_stream_of_a_public_capture_can_be_explained(string name)
    {
        Skip.If(TestPaths.SharedCaptures is null, TestPaths.NoSharedCaptures);
        string path = Path.Combine(TestPaths.SharedCaptures!, name);
        List<Session> sessions;
        try
        {
            using TcpCapture c = TcpCapture.Open(path);
            sessions = [.. c.Sessions().Take(3)];
        }
        catch (Capture.CaptureFormatException)
        {
            return; // not a capture tcplens reads (the reader tests cover these)
        }
        foreach (Session s in sessions)
        {
            using TcpCapture again = TcpCapture.Open(path);
            Explanation e = StreamExplainer.Explain(s, Ladder.Ladder.Build(again, s.Stream)!);
            Assert.StartsWith($"Stream {s.Stream}: client ", e.Summary, StringComparison.Ordinal);
            Assert.NotEmpty(e.Verdict);
            Assert.Contains("Verdict: ", e.ToText(), StringComparison.Ordinal);
        }
    }
}
