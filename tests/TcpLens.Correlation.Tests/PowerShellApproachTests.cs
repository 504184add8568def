using TcpLens.Capture;
using TcpLens.Capture.Decoding;
using TcpLens.Capture.Tests.Support;
using TcpLens.Correlation.Matching;

namespace TcpLens.Correlation.Tests;

/// <summary>
/// The first write-up's PowerShell approach, redone independently of the matcher: take every
/// pure SYN (flags 0x002 or 0x0C2) of both captures and pair the raw sequence numbers; client
/// SYNs to the server whose number the server capture lacks are the missing ones. Where there
/// is no NAT, no sequence rewriting and both captures run over the same time, it is right, and
/// tcplens must agree with it.
/// </summary>
public class PowerShellApproachTests
{
    [Fact]
    public void Pair_capture_agrees_with_syn_sequence_matching()
    {
        Agree(Path.Combine(TestPaths.TestData, "pair-client.pcap"), Path.Combine(TestPaths.TestData, "pair-server.pcap"), "10.77.2.2", serverRunsThroughout: false);
    }

    [SkippableFact]
    public void Mail_client_and_relay_agree_with_syn_sequence_matching()
    {
        Skip.If(TestPaths.SharedCaptures is null, TestPaths.NoSharedCaptures);
        Agree(Path.Combine(TestPaths.SharedCaptures!, "cs_mail_sender_client_1.pcapng"),
            Path.Combine(TestPaths.SharedCaptures!, "cs_mail_sender_server_2.pcapng"), "172.16.16.221", serverRunsThroughout: true);
    }

    private static void Agree(string client, string server, string serverIp, bool serverRunsThroughout)
    {
        List<uint> clientSyns = Syns(client, NetAddress.Parse(serverIp));
        HashSet<uint> serverSyns = [.. Syns(server, null)];
        HashSet<uint> matchedByScript = [.. clientSyns.Where(serverSyns.Contains)];
        HashSet<uint> missingByScript = [.. clientSyns.Where(s => !serverSyns.Contains(s))];

        MatchResult r = StreamMatcher.Match(client, server);

        Assert.Equal(matchedByScript.Order(), r.Matched.Select(m => m.ClientSide.ClientIsn!.Value).Order());
        // the script cannot tell a SYN sent after the server capture stopped from a lost one;
        // tcplens lists those apart, so together they are the script's missing set
        var missing = r.Missing.Select(m => m.Isn).Concat(r.MissingOutsideSpan.Select(m => m.Isn)).ToHashSet();
        Assert.Equal(missingByScript.Order(), missing.Order());
        if (serverRunsThroughout)
        {
            Assert.Empty(r.MissingOutsideSpan);
        }
    }

    private static List<uint> Syns(string path, NetAddress? destination)
    {
        var syns = new List<uint>();
        using CaptureReader reader = CaptureReader.Open(path);
        while (reader.TryRead(out CaptureFrame frame))
        {
            if (PacketDecoder.Decode(frame, out TcpSegment s) != DecodeOutcome.Tcp)
            {
                continue;
            }
            byte flags = (byte)s.Flags;
            if ((flags == 0x02 || flags == 0xC2) && (destination is null || s.Destination == destination.Value))
            {
                syns.Add(s.Sequence);
            }
        }
        return syns;
    }
}
