using TcpLens.Capture.Decoding;
using TcpLens.Capture.Tests.Support;
using static TcpLens.Capture.Tests.Support.CaptureBuilder;

namespace TcpLens.Capture.Tests.Robustness;

/// <summary>
/// Every capture cut at every byte offset: exactly the frames whose records fit before the cut,
/// then one precise Truncated error naming the record being read (or none on a record boundary),
/// and never an exception other than refusing a file cut inside its header.
/// </summary>
public class TruncationTests
{
    public static TheoryData<string> Synthetic() =>
        ["pcap-le-usec", "pcap-be-nsec", "pcap-modified", "pcapng-every-block", "pcapng-be-sections"];

    private static BuiltCapture Build(string kind)
    {
        switch (kind)
        {
            case "pcap-le-usec":
            case "pcap-be-nsec":
            case "pcap-modified":
                PcapBuilder pcap = kind switch
                {
                    "pcap-le-usec" => CaptureBuilder.Pcap(),
                    "pcap-be-nsec" => CaptureBuilder.Pcap(bigEndian: true, magic: PcapMagic.Nanoseconds),
                    _ => CaptureBuilder.Pcap(magic: PcapMagic.Modified),
                };
                for (int i = 1; i <= 6; i++)
                {
                    pcap.Record((uint)i, (uint)i, TcpPacket((ushort)i, i * 3 - 3));
                }
                return pcap.Record(7, 7, []);
            case "pcapng-every-block":
                return CaptureBuilder.PcapNg().Section(options: [NgOption.Comment("odd")])
                    .Interface(LinkType.Ethernet, tsresol: 9, name: "eth0")
                    .Enhanced(0, 1, TcpPacket(1), options: [NgOption.Comment("x")])
                    .InterfaceStatistics(0, 2, 1, 0)
                    .Simple(TcpPacket(2, 3))
                    .NameResolution([([10, 0, 0, 1], "h")])
                    .Obsolete(0, 3, TcpPacket(3, 1))
                    .DecryptionSecrets([1, 2, 3])
                    .Custom(true, [4])
                    .Custom(false, [])
                    .Block(0x1234, [1, 2, 3, 4])
                    .Enhanced(0, 4, TcpPacket(4, 0));
            default:
                return CaptureBuilder.PcapNg().Section(bigEndian: true).Interface(LinkType.Ethernet, tsresol: 0x88)
                    .Enhanced(0, 1, TcpPacket(1)).Obsolete(0, 2, TcpPacket(2, 2))
                    .Section().Interface(LinkType.Raw).Interface(LinkType.Ethernet)
                    .Enhanced(1, 3, TcpPacket(3)).Enhanced(0, 4, Ipv4Tcp(4, 1))
                    .Section(bigEndian: true).Interface(LinkType.LinuxSll).Simple(SllIpv4Tcp(5));
        }
    }

    [Theory]
    [MemberData(nameof(Synthetic))]
    public void Synthetic_capture_cut_at_every_offset(string kind)
    {
        BuiltCapture built = Build(kind);
        byte[] file = built.ToArray();
        // The independent layout walker agrees with the builder, so it can be trusted on real files.
        var (header, blocks) = CaptureLayout.Walk(file);
        Assert.Equal(built.HeaderLength, header);
        Assert.Equal(built.Blocks, blocks);
        AssertEveryCut(file, kind, expectedFrames: built.Frames.Count);
    }

    [Fact]
    public void Project_capture_cut_at_every_offset()
    {
        string path = Path.Combine(TestPaths.TestData, "keepalive.pcap");
        Assert.True(File.Exists(path), $"{path} is part of the repository");
        AssertEveryCut(File.ReadAllBytes(path), "keepalive.pcap");
    }

    public static TheoryData<string> SharedSmall() => new(
        "cs_tcp_teardown.pcapng", "cs_tcp_dupack.pcapng", "gopacket_be_test201.pcapng", "gopacket_le_test902.pcapng",
        "zeek_pcapng-multi-interface.pcapng", "tcpdump_tcp-handshake-nano.pcap", "pcapplusplus_sll2.pcap",
        "pcapplusplus_nanosecs_big_endian.pcap", "suricata_tcp-opt.pcap");

    [SkippableTheory]
    [MemberData(nameof(SharedSmall))]
    public void Small_shared_capture_cut_at_every_offset(string name)
    {
        Skip.If(TestPaths.SharedCaptures is null, TestPaths.NoSharedCaptures);
        string path = Path.Combine(TestPaths.SharedCaptures!, name);
        Skip.IfNot(File.Exists(path), $"{name} is not in the shared corpus");
        AssertEveryCut(File.ReadAllBytes(path), name);
    }

    private static void AssertEveryCut(byte[] file, string name, int? expectedFrames = null)
    {
        var (header, blocks) = CaptureLayout.Walk(file);
        var (full, fullReader) = ReadAll.From(file, name);
        Assert.Null(fullReader.Error);
        if (expectedFrames is { } n)
        {
            Assert.Equal(n, full.Count);
        }
        Assert.True(full.Count > 0, $"{name}: no frames to cut");
        // The reader and the layout agree on where every packet record is.
        Assert.Equal(blocks.Where(b => b.IsFrame).Select(b => b.Offset), full.Select(f => f.Offset));
        Assert.Equal(file.Length, blocks[^1].End);

        var boundaries = new HashSet<long>(blocks.Select(b => b.End)) { header };
        for (int cut = 0; cut <= file.Length; cut++)
        {
            string at = $"{name} cut at {cut}";
            CaptureReader reader;
            try
            {
                reader = CaptureReader.Open(new MemoryStream(file, 0, cut, writable: false), name);
            }
            catch (CaptureFormatException e)
            {
                Assert.True(cut < header, $"{at}: refused although the header is whole: {e.Message}");
                Assert.StartsWith(name + ": ", e.Message, StringComparison.Ordinal);
                continue;
            }
            Assert.True(cut >= header, $"{at}: a file cut inside its header was accepted");
            int expected = blocks.Count(b => b.IsFrame && b.End <= cut);
            int read = 0;
            using (reader)
            {
                while (reader.TryRead(out CaptureFrame frame))
                {
                    Assert.True(read < expected, $"{at}: frame {frame.Number} read past the cut");
                    ReadFrame f = full[read++];
                    Assert.True(f.Number == frame.Number && f.Offset == frame.FileOffset && f.Time == frame.Time
                        && f.Data.AsSpan().SequenceEqual(frame.Data), $"{at}: frame {frame.Number} differs from the whole file's");
                    PacketDecoder.Decode(frame, out _);
                }
                Assert.True(read == expected, $"{at}: {read} frames, expected {expected}");
                if (boundaries.Contains(cut))
                {
                    Assert.True(reader.Error is null, $"{at}: error on a record boundary: {reader.Error}");
                    continue;
                }
                CaptureError? error = reader.Error;
                Assert.True(error is not null, $"{at}: no error for a cut inside a record");
                BuiltBlock cutBlock = blocks.First(b => b.End > cut);
                Assert.True(error!.Kind == CaptureErrorKind.Truncated, $"{at}: {error}");
                Assert.True(error.FrameNumber == expected + 1, $"{at}: frame {error.FrameNumber}, expected {expected + 1}");
                Assert.True(error.ByteOffset == cutBlock.Offset, $"{at}: offset {error.ByteOffset}, expected {cutBlock.Offset}");
                Assert.Equal(error.ByteOffset, reader.Position);
            }
        }
    }
}
