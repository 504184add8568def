using System.Text.Json;
using System.Text.RegularExpressions;
using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;
using TcpLens.Capture.Tests.Support;
using TcpLens.Reports.Explain;

namespace TcpLens.Reports.Tests;

/// <summary>
/// The narrative on captures whose making is known (testdata/MANIFEST.md): every claim about a
/// cause is checked against the lab's ground truth where the lab recorded one (the router's log
/// of copies and drops, the sending kernel's own counters).
/// </summary>
public partial class ExplainTests
{
    internal static Explanation Explain(string path, int stream = 0, ExplainOptions? options = null)
    {
        if (!Path.IsPathRooted(path))
        {
            path = Path.Combine(TestPaths.TestData, path);
        }
        List<Session> sessions;
        using (TcpCapture c = TcpCapture.Open(path))
        {
            sessions = [.. c.Sessions()];
        }
        Session session = sessions.Single(s => s.Stream == stream);
        using TcpCapture again = TcpCapture.Open(path);
        return StreamExplainer.Explain(again, session, ExplainContext.Of(session, sessions), options)!;
    }

    private static long Count(Explanation e, string name) => e.Counts.TryGetValue(name, out long n) ? n : 0;

    [Fact]
    public void Lost_segments_are_tied_to_their_duplicate_acks_and_fast_retransmissions()
    {
        Explanation e = Explain("lossy.pcap");

        Assert.Contains("The client's ACK in frame 10 completed the handshake: initial round-trip time 10.6 ms", e.Handshake[2], StringComparison.Ordinal);
        Assert.StartsWith("Frames 25–35: 1,448 bytes of the server's data (seq 8689–10137) were missing when frame 25 arrived: lost before the capture point and resent 11.1 ms later (frame 35)", e.Anomalies[1], StringComparison.Ordinal);
        Assert.Contains("the client sent 5 duplicate ACKs with SACK blocks for seq 8689", e.Anomalies[1], StringComparison.Ordinal);
        Assert.Contains("the server resent seq 8689–10137 (frame 35) after 5 duplicate ACKs: fast retransmission, 11.1 ms after the gap showed in the capture", e.Anomalies[1], StringComparison.Ordinal);
        Assert.Equal("The server sent its FIN in frame 409 first, with 84,336 bytes of its data not yet acknowledged.", e.Close[0]);
        // the router dropped 12 of the server's segments: every gap was lost and resent, none a timeout
        Assert.Equal(12, Count(e, "gaps_lost_and_resent"));
        Assert.Equal(0, Count(e, "timeout"));
        Assert.Equal(12, Count(e, "fast_retransmission") + Count(e, "sack_recovery") + Count(e, "partial_ack_resend") + Count(e, "unexplained_resend"));
        Assert.StartsWith("packet loss in the server's data (12 lost and resent; 9 fast retransmissions, 3 SACK/RACK-based resends)", e.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Copies_made_by_the_router_are_named_as_copies_not_retransmissions()
    {
        // path-copies.pcap: the router sent 3% of the server's segments twice (nfq-path -u); its
        // log, path-copies.duplicates.jsonl, names each copy by sequence number and IP ID.
        var copies = File.ReadLines(Path.Combine(TestPaths.TestData, "path-copies.duplicates.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Select(j => (Seq: j.GetProperty("seq").GetUInt32(), IpId: j.GetProperty("ipid").GetInt32()))
            .ToHashSet();
        var copyFrames = new List<long>();
        using (TcpCapture c = TcpCapture.Open(Path.Combine(TestPaths.TestData, "path-copies.pcap")))
        {
            var seen = new HashSet<(uint, int)>();
            while (c.TryReadPacket(out AnalyzedPacket p))
            {
                var key = (p.Segment.Sequence, p.Segment.IpId);
                if (copies.Contains(key) && !seen.Add(key))
                {
                    copyFrames.Add(p.Frame); // the second frame with the logged numbers is the copy
                }
            }
        }
        Assert.Equal(copies.Count, copyFrames.Count);

        Explanation e = Explain("path-copies.pcap");

        Assert.Equal(copies.Count, Count(e, "path_copy"));
        Assert.Equal(0, Count(e, "timeout") + Count(e, "spurious_retransmission") + Count(e, "fast_retransmission") + Count(e, "tail_loss_probe"));
        string line = Assert.Single(e.Anomalies, l => l.Contains("second copies", StringComparison.Ordinal));
        Assert.Contains($"({Words.Frames(copyFrames)})", line, StringComparison.Ordinal);
        Assert.Contains("with its IP ID and bytes", line, StringComparison.Ordinal);
        Assert.Contains("not resends by the server", line, StringComparison.Ordinal);
        Assert.StartsWith($"{copies.Count} copies made on the path or by the capture, not retransmissions", e.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void The_causes_of_the_senders_resends_equal_its_kernels_own_counts()
    {
        // tail-loss-server.pcap: the sender's view of 80 short answers through a router that drops
        // 25% of them; tail-loss.server-counters.json holds what the server's kernel counted
        // (nstat): each timeout, each tail-loss probe and each resend during fast recovery.
        using JsonDocument kernel = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.TestData, "tail-loss.server-counters.json")));
        long Kernel(string name) => kernel.RootElement.TryGetProperty(name, out JsonElement v) ? v.GetInt64() : 0;
        var sums = new Dictionary<string, long>(StringComparer.Ordinal);
        List<Session> sessions;
        using (TcpCapture c = TcpCapture.Open(Path.Combine(TestPaths.TestData, "tail-loss-server.pcap")))
        {
            sessions = [.. c.Sessions()];
        }
        foreach (Session s in sessions)
        {
            foreach ((string name, long n) in Explain("tail-loss-server.pcap", s.Stream).Counts)
            {
                sums[name] = sums.GetValueOrDefault(name) + n;
            }
        }
        long Sum(string name) => sums.GetValueOrDefault(name);

        Assert.Equal(Kernel("TcpRetransSegs"), Sum("fast_retransmission") + Sum("sack_recovery") + Sum("partial_ack_resend") + Sum("tail_loss_probe") + Sum("timeout"));
        Assert.Equal(Kernel("TcpExtTCPLossProbes"), Sum("tail_loss_probe"));
        Assert.Equal(Kernel("TcpExtTCPTimeouts"), Sum("timeout"));
        Assert.Equal(Kernel("TcpExtTCPFastRetrans") + Kernel("TcpExtTCPSlowStartRetrans"), Sum("fast_retransmission") + Sum("sack_recovery") + Sum("partial_ack_resend"));
        Assert.Equal(0, Sum("unexplained_resend") + Sum("path_copy") + Sum("spurious_retransmission"));
    }

    [Fact]
    public void At_the_receiver_no_resend_sooner_than_the_timeout_floor_is_called_a_timeout()
    {
        // tail-loss-client.pcap: the same traffic at the client; the router dropped before the
        // capture point. The resends 20-35 ms after a gap are SACK/RACK recovery, not timeouts.
        List<Session> sessions;
        using (TcpCapture c = TcpCapture.Open(Path.Combine(TestPaths.TestData, "tail-loss-client.pcap")))
        {
            sessions = [.. c.Sessions()];
        }
        long timeouts = 0, sack = 0;
        foreach (Session s in sessions)
        {
            Explanation e = Explain("tail-loss-client.pcap", s.Stream);
            timeouts += Count(e, "timeout");
            sack += Count(e, "sack_recovery");
            foreach (string line in e.Anomalies.Where(l => l.Contains("retransmission timeout", StringComparison.Ordinal) && !l.StartsWith("In all", StringComparison.Ordinal)))
            {
                foreach (Match m in AfterMs().Matches(line))
                {
                    Assert.True(double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 200, line);
                }
            }
        }
        Assert.True(sack > timeouts && timeouts > 0, $"{sack} SACK-based, {timeouts} timeouts");
    }

    [GeneratedRegex(@"resent [^;]*?(\d+\.\d+) ms after [^;]*?retransmission timeout")]
    private static partial Regex AfterMs();

    [Fact]
    public void A_challenge_ack_is_the_servers_old_connection_and_the_clients_stack_resets_it()
    {
        // challenge-ack.pcap: stream 0 was aborted by the client, the router dropped its RST; the
        // client's new SYN from the same port (stream 1) got a challenge ACK, its stack answered
        // with a RST, the next SYN (stream 2) connected.
        Explanation e = Explain("challenge-ack.pcap", 1);

        Assert.Contains(e.Handshake, l => l.StartsWith("The server answered in frame 16 with a bare ACK", StringComparison.Ordinal) && l.Contains("challenge ACK (RFC 5961", StringComparison.Ordinal));
        Assert.Contains(e.Handshake, l => l.StartsWith("The client's TCP answered it with a RST in frame 17", StringComparison.Ordinal) && l.Contains("not the application's doing", StringComparison.Ordinal));
        Assert.Contains(e.Handshake, l => l.StartsWith("The old connection is stream 0", StringComparison.Ordinal));
        Assert.Contains(e.Handshake, l => l.StartsWith("The client's next SYN on these ports is stream 2 (frame 18), which connected", StringComparison.Ordinal));
        Assert.Equal("an RFC 5961 challenge ACK (frame 16): the server still held an earlier connection on these ports, and the client's TCP reset it (frame 17); the client's next SYN, stream 2, connected.", e.Verdict);
        string all = e.ToText();
        Assert.DoesNotContain("never answered", all, StringComparison.Ordinal);
        Assert.DoesNotContain("client closed abortively", all, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_public_capture_with_challenge_acks_is_not_called_unanswered_or_an_abort()
    {
        Skip.If(TestPaths.SharedCaptures is null, TestPaths.NoSharedCaptures);
        Explanation e = Explain(Path.Combine(TestPaths.SharedCaptures!, "suricata_tls-subjectaltname_input.pcap"), 0);

        Assert.Contains(e.Handshake, l => l.StartsWith("The server answered in frame 12 with a bare ACK of seq 3058576675 (raw)", StringComparison.Ordinal));
        Assert.Contains(e.Handshake, l => l.StartsWith("The client's TCP answered it with a RST in frame 14", StringComparison.Ordinal));
        Assert.StartsWith("an RFC 5961 challenge ACK (frame 12)", e.Verdict, StringComparison.Ordinal);
        Assert.Contains("the client's next SYN, stream 2, connected", e.Verdict, StringComparison.Ordinal);
        Assert.DoesNotContain("never answered", e.ToText(), StringComparison.Ordinal);
        Assert.DoesNotContain("aborted", e.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_half_open_connection_is_told_from_the_bare_rst_that_answers_the_fin()
    {
        // half-open.pcap: the server reset its socket but the router dropped the RST; the
        // client's FIN 2 s later met a server with no such connection.
        Explanation e = Explain("half-open.pcap");

        Assert.Contains(e.Close, l => l.StartsWith("The server answered the client's FIN (frame 14) with a bare RST in frame 15", StringComparison.Ordinal) && l.Contains("half-open", StringComparison.Ordinal));
        Assert.Equal("a half-open connection: the server no longer had it when the client's FIN came (frame 14), and answered with a RST (frame 15).", e.Verdict);
    }

    [Fact]
    public void A_capture_that_starts_mid_connection_never_says_the_connection_was_unanswered()
    {
        // midstream.pcap: the capture began 1 s into a download with 2% loss before the capture point
        Explanation e = Explain("midstream.pcap");

        Assert.StartsWith("The capture starts in the middle of this connection (frame 1, its first, is not a SYN)", Assert.Single(e.Handshake), StringComparison.Ordinal);
        Assert.StartsWith("the capture starts in the middle of the connection, so its opening is unknown; packet loss in the server's data", e.Verdict, StringComparison.Ordinal);
        Assert.Equal(Count(e, "gaps"), Count(e, "gaps_lost_and_resent"));
        Assert.DoesNotContain("never answered", e.ToText(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_lone_rst_with_data_mid_connection_is_not_an_unanswered_connection()
    {
        Skip.If(TestPaths.SharedCaptures is null, TestPaths.NoSharedCaptures);
        // one frame: a RST/ACK carrying 8 bytes, the connection open before the capture
        Explanation e = Explain(Path.Combine(TestPaths.SharedCaptures!, "tcpdump_tcp_rst_diag_payload.pcap"), 0);

        Assert.Contains(e.Close, l => l.Contains("carrying 8 bytes of data (RFC 9293 allows data in a RST", StringComparison.Ordinal));
        Assert.DoesNotContain("never answered", e.ToText(), StringComparison.Ordinal);
        Assert.DoesNotContain("not yet acknowledged", e.ToText(), StringComparison.Ordinal);
        Assert.StartsWith("the capture starts in the middle of the connection and holds only the client's frames", e.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Reordering_is_not_called_loss()
    {
        // reorder.pcapng: the router held every 4th packet 1.5 ms longer; nothing was dropped
        Explanation e = Explain("reorder.pcapng");

        Assert.Equal(18, Count(e, "gaps_reordered"));
        Assert.Equal(0, Count(e, "gaps_lost_and_resent") + Count(e, "gaps_never_resent"));
        Assert.Equal("reordering on the path (18 reordered: filled by the original arriving late, not lost).", e.Verdict);
    }

    [Fact]
    public void Capture_point_drops_are_told_apart_from_network_loss()
    {
        Explanation e = Explain("capture-gaps.pcap");

        Assert.Equal(8, Count(e, "gaps_missed_by_capture"));
        Assert.Contains(e.Anomalies, l => l.Contains("all were acknowledged by the client without a resend: the capture point missed those frames, the network delivered them", StringComparison.Ordinal));
        Assert.Equal("the capture point missed frames the endpoints exchanged (8 missed by the capture; 8 ACKs of data the capture missed).", e.Verdict);
    }

    [Fact]
    public void A_zero_window_is_receiver_pressure_and_wiresharks_probe_bookkeeping_is_not_loss()
    {
        Explanation slow = Explain("slow-reader.pcap");
        Assert.Contains(slow.Anomalies, l => l.StartsWith("Frames 10–14: the server's data filled the client's receive window 3 times (frames 10, 11 and 13)", StringComparison.Ordinal)
                                           && l.Contains("the client advertised a zero window (frame 14): its receive buffer was full", StringComparison.Ordinal)
                                           && l.Contains("it reopened 1.048 s later", StringComparison.Ordinal));
        Assert.StartsWith("receiver pressure: 21 zero windows, 61 full windows", slow.Verdict, StringComparison.Ordinal);

        // zero-window-probe.pcap: Wireshark flags lost_segment after each zero-window probe, but no byte is missing
        Explanation zwp = Explain("zero-window-probe.pcap");
        Assert.Equal(24, Count(zwp, "lost_segment_marks"));
        Assert.Equal(0, Count(zwp, "gaps"));
        Assert.Equal(0, Count(zwp, "timeout") + Count(zwp, "tail_loss_probe"));
        Assert.Contains(zwp.Anomalies, l => l.Contains("Wireshark marks 24 server segments 'previous segment not captured'", StringComparison.Ordinal)
                                          && l.Contains("each right after a zero-window probe", StringComparison.Ordinal));
        Assert.DoesNotContain("packet loss", zwp.Verdict, StringComparison.Ordinal);
        Assert.StartsWith("receiver pressure: 56 zero windows", zwp.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Spurious_retransmissions_name_the_timer_that_sent_them()
    {
        // spurious.pcap: the router dropped the client's ACKs for 0.6 s
        Explanation e = Explain("spurious.pcap");

        Assert.Contains(e.Anomalies, l => l.StartsWith("Frames 171–172: the server resent seq 130697–131073 (frame 171) that the client had already acknowledged, 24.6 ms after the original; sent by a tail-loss probe", StringComparison.Ordinal));
        Assert.Contains(e.Anomalies, l => l.StartsWith("Frames 173–174: the server resent seq 65537–66985 (frame 173) that the client had already acknowledged, 247.9 ms after the original; sent by its retransmission timer", StringComparison.Ordinal));
        Assert.Contains(e.Anomalies, l => l.StartsWith("Frames 175–176: the server resent seq 65537–66985 (frame 175) that the client had already acknowledged, 448.7 ms after the previous send", StringComparison.Ordinal));
        Assert.StartsWith("3 spurious retransmissions", e.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Syn_retries_make_a_slow_start()
    {
        Explanation e = Explain("syn-retry.pcap");

        Assert.Contains("It sent the SYN 2 more times (frames 2 and 3) before the server answered", e.Handshake[1], StringComparison.Ordinal);
        Assert.Equal("a slow start: 2 SYN retransmissions before the server answered, 2.051 s after the client's SYN.", e.Verdict);
    }

    [Fact]
    public void Refused_and_reset_connections()
    {
        Explanation refused = Explain("refused.pcap");
        Explanation serverReset = Explain("rst-server.pcap");
        Explanation clientReset = Explain("rst-client.pcap");

        Assert.Equal("The server's RST in frame 2 answered the SYN: the connection was refused and never opened.", Assert.Single(refused.Close));
        Assert.Equal("the server refused the connection (RST in frame 2).", refused.Verdict);
        Assert.StartsWith("The server reset the connection (RST) in frame 14 without a FIN before it", serverReset.Close[0], StringComparison.Ordinal);
        Assert.Equal("The server then answered 4 more client segments with RSTs (frames 15, 16, 17 and 18), as a connection that is gone does.", serverReset.Close[1]);
        Assert.Contains(clientReset.Close, l => l.StartsWith("The client reset the connection (RST) in frame 62", StringComparison.Ordinal));
        Assert.Equal("an abortive end: the client reset the connection (frame 62).", clientReset.Verdict);
    }

    [Fact]
    public void Reused_ports_name_the_earlier_stream()
    {
        Explanation e = Explain("port-reuse.pcap", 1);

        Assert.Contains(e.Anomalies, l => l == "Frame 14: the SYN reused the ports of stream 0 (frames 1–13, closed by server_fin; Wireshark starts a new stream here).");
    }

    [Fact]
    public void Keep_alives_and_a_clean_connection()
    {
        Explanation ka = Explain("keepalive.pcap");
        Assert.Equal(4, Count(ka, "keep_alive"));
        Assert.Contains(ka.Anomalies, l => l.StartsWith("Frames 6–7: 1 keep-alive probe from the client (frame 6); 1 answer from the server (frame 7)", StringComparison.Ordinal));
        Assert.Equal("a clean connection: no loss, no retransmission, no window trouble, closed normally.", ka.Verdict);

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

        Assert.Contains(e.Data, l => l.StartsWith("Frame 11: the client sent 517 bytes in 1 segment starting with TLS ClientHello (SNI download.example)", StringComparison.Ordinal));
        Assert.StartsWith("Frames 76–162: 2 gaps in the server's data (2,896 bytes, seq 58363–88771, before frames 76 and 104): all lost before the capture point and resent", e.Anomalies[1], StringComparison.Ordinal);
        Assert.Equal(17, Count(e, "gaps_lost_and_resent"));
        Assert.StartsWith("The server sent its FIN in frame 1244 first", e.Close[0], StringComparison.Ordinal);
        Assert.Contains(e.Close, l => l.StartsWith("The server reset the connection (RST) in frame 1257 13.8 ms after its own FIN (frame 1244)", StringComparison.Ordinal)
                                    && l.Contains("abortively after its FIN", StringComparison.Ordinal));
        Assert.Equal("packet loss in the server's data (17 lost and resent; 12 fast retransmissions, 5 SACK/RACK-based resends); the slowest repair 12.7 ms (frame 1251); an abortive end: the server reset the connection (frame 1257).", e.Verdict);
    }
}
