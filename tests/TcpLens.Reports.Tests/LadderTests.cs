using TcpLens.Analysis;
using TcpLens.Capture.Tests.Support;
using TcpLens.Reports.Ladder;

namespace TcpLens.Reports.Tests;

public class LadderTests
{
    [Fact]
    public void Notes_carry_wiresharks_flags_frame_by_frame()
    {
        string capture = Path.Combine(TestPaths.TestData, "lossy.pcap");
        Dictionary<long, ReferenceRow> reference = ReferenceTable.ReadTcp(ReferenceTable.TcpTablePath(capture)!)
            .Where(r => r["tcp.stream"] == "0").ToDictionary(r => r.Frame);
        using TcpCapture c = TcpCapture.Open(capture);
        Ladder.Ladder ladder = Ladder.Ladder.Build(c, 0)!;

        Assert.Equal(reference.Count, ladder.Frames.Count);
        Assert.Equal("10.77.1.2", ladder.Client.Address.ToString());
        foreach (LadderFrame f in ladder.Frames)
        {
            ReferenceRow r = reference[f.Packet.Frame];
            Assert.Equal(r["tcp.analysis.lost_segment"].Length > 0, f.Notes.Contains("[TCP Previous segment not captured]", StringComparison.Ordinal));
            Assert.Equal(r["tcp.analysis.ack_lost_segment"].Length > 0, f.Notes.Contains("[TCP ACKed unseen segment]", StringComparison.Ordinal));
            Assert.Equal(r["tcp.analysis.fast_retransmission"].Length > 0, f.Notes.Contains("[TCP Fast Retransmission]", StringComparison.Ordinal));
            if (r["tcp.analysis.duplicate_ack_num"] is { Length: > 0 } n)
            {
                Assert.Matches($@"\[TCP Dup ACK \d+#{n}\]", f.Notes);
            }
            Assert.Equal(f.Packet.Segment.SourceEndpoint == ladder.Client, f.ClientToServer);
        }
        Assert.Contains(ladder.Frames, f => f.Notes.Contains("[TCP Dup ACK 24#1]", StringComparison.Ordinal));
        Assert.Equal(0, ladder.Frames[0].RelativeTimeNs);
    }

    [SkippableFact]
    public void Tls_records_and_the_client_hello_sni_as_tshark_4_6_names_them()
    {
        Skip.If(TestPaths.SharedCaptures is null, TestPaths.NoSharedCaptures);
        using TcpCapture c = TcpCapture.Open(Path.Combine(TestPaths.SharedCaptures!, "suricata_tls-subjectaltname_input.pcap"));
        Ladder.Ladder ladder = Ladder.Ladder.Build(c, 2)!;
        Dictionary<long, string?> payload = ladder.Frames.ToDictionary(f => f.Packet.Frame, f => f.Payload);

        // tshark 4.6.9: frame 23 tls.handshake.extensions_server_name = mamzon.ru; frame 28 "Client
        // Key Exchange, Change Cipher Spec, Encrypted Handshake Message"
        Assert.Equal("TLS ClientHello (SNI mamzon.ru)", payload[23]);
        Assert.Equal("TLS ClientKeyExchange, Change Cipher Spec, Encrypted Handshake Message", payload[28]);
        Assert.Equal("TLS Change Cipher Spec, Encrypted Handshake Message", payload[30]);
        Assert.Null(payload[22]);
        Assert.Contains("[TCP Port numbers reused]", ladder.Frames[0].Notes, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Http_request_and_status_lines()
    {
        Skip.If(TestPaths.SharedCaptures is null, TestPaths.NoSharedCaptures);
        using TcpCapture c = TcpCapture.Open(Path.Combine(TestPaths.SharedCaptures!, "pcapplusplus_four_ipv6_http_streams.pcap"));
        Ladder.Ladder ladder = Ladder.Ladder.Build(c, 0)!;

        Assert.Equal("2001:618:400::5199:cc70", ladder.Client.Address.ToString());
        Assert.Equal("GET / HTTP/1.1", ladder.Frames.Single(f => f.Packet.Frame == 4).Payload);
        Assert.Equal("HTTP/1.1 200 OK", ladder.Frames.Single(f => f.Packet.Frame == 5).Payload);
        Assert.Equal("GET /header.shtml HTTP/1.1", ladder.Frames.Single(f => f.Packet.Frame == 18).Payload);
    }

    [Fact]
    public void Tls_notes_on_the_projects_https_download()
    {
        using TcpCapture c = TcpCapture.Open(Path.Combine(TestPaths.TestData, "https-download.pcap"));
        Ladder.Ladder ladder = Ladder.Ladder.Build(c, 0)!;
        Dictionary<long, string?> payload = ladder.Frames.ToDictionary(f => f.Packet.Frame, f => f.Payload);

        // tshark 4.6.9: frame 11 Client Hello (SNI=download.example), frame 13 Server Hello
        Assert.Equal("TLS ClientHello (SNI download.example)", payload[11]);
        Assert.StartsWith("TLS ServerHello", payload[13], StringComparison.Ordinal);
        Assert.Equal("TLS Application Data", payload[17]);
        Assert.Contains("[TCP Previous segment not captured]", ladder.Frames.Single(f => f.Packet.Frame == 76).Notes, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_stream_is_null()
    {
        using TcpCapture c = TcpCapture.Open(Path.Combine(TestPaths.TestData, "lossy.pcap"));
        Assert.Null(Ladder.Ladder.Build(c, 99));
    }

    [Fact]
    public void Payload_notes_from_crafted_bytes()
    {
        Assert.Equal("TLS ClientHello (SNI example.org)", PayloadNotes.Describe(ClientHello("example.org")));
        Assert.Equal("TLS ClientHello", PayloadNotes.Describe(ClientHello("example.org").AsSpan(0, 60))); // cut by the snap length
        Assert.Equal("TLS Alert (level 2, description 40)", PayloadNotes.Describe([21, 3, 3, 0, 2, 2, 40]));
        Assert.Equal("TLS Application Data", PayloadNotes.Describe([23, 3, 3, 0, 4, 1, 2, 3, 4, 23, 3, 3, 0, 1, 9]));
        Assert.Equal("HTTP/1.1 404 Not Found", PayloadNotes.Describe("HTTP/1.1 404 Not Found\r\nServer: x\r\n"u8));
        Assert.Null(PayloadNotes.Describe("GET 400000 85\n"u8)); // not an HTTP request line
        Assert.Null(PayloadNotes.Describe([0x17, 0x01, 0x00, 0x00]));
        Assert.Null(PayloadNotes.Describe([]));
    }

    private static byte[] ClientHello(string sni)
    {
        byte[] name = System.Text.Encoding.ASCII.GetBytes(sni);
        var ext = new List<byte> { 0, 0 };
        int listLength = 3 + name.Length;
        ext.AddRange([(byte)((listLength + 2) >> 8), (byte)(listLength + 2), (byte)(listLength >> 8), (byte)listLength, 0, (byte)(name.Length >> 8), (byte)name.Length]);
        ext.AddRange(name);
        var body = new List<byte> { 3, 3 };
        body.AddRange(new byte[32]);
        body.AddRange([0, 0, 2, 0x13, 0x01, 1, 0, (byte)(ext.Count >> 8), (byte)ext.Count]);
        body.AddRange(ext);
        var hs = new List<byte> { 1, 0, (byte)(body.Count >> 8), (byte)body.Count };
        hs.AddRange(body);
        var record = new List<byte> { 22, 3, 1, (byte)(hs.Count >> 8), (byte)hs.Count };
        record.AddRange(hs);
        return [.. record];
    }
}
