using TcpLens.Capture.Decoding;
using TcpLens.Capture.Tests.Support;
using static TcpLens.Capture.Tests.Support.SyntheticCaptures;

namespace TcpLens.Capture.Tests.Robustness;

/// <summary>Every capture cut at every byte offset: the frames before the cut, one precise error, never an exception.</summary>
public class TruncationTests
{
    public static TheoryData<string> Synthetic() => ["pcap-le", "pcap-be-nsec", "pcapng", "pcapng-be"];

    private static byte[] Build(string kind)
    {
        var records = Enumerable.Range(1, 6).Select(i => ((uint)i, (uint)i, TcpFrame((ushort)i, i * 3), (int?)null)).ToArray();
        return kind switch
        {
            "pcap-le" => Pcap(records),
            "pcap-be-nsec" => Pcap(records, bigEndian: true, magic: 0xA1B23C4D),
            "pcapng" => new PcapNg().Section().Interface(1).Enhanced(0, 1, TcpFrame(1)).Other(5, 12)
                .Enhanced(0, 2, TcpFrame(2, 7)).Simple(TcpFrame(3)).ToArray(),
            _ => new PcapNg().Section(bigEndian: true).Interface(1, tsresol: 9).Enhanced(0, 1, TcpFrame(1))
                .Obsolete(0, 2, TcpFrame(2)).Section().Interface(101).Enhanced(0, 3, TcpFrame(3)[14..]).ToArray(),
        };
    }

    [Theory]
    [MemberData(nameof(Synthetic))]
    public void Synthetic_capture_cut_at_every_offset(string kind) => AssertEveryCut(Build(kind), kind);

    [SkippableFact]
    public void Small_shared_captures_cut_at_every_offset()
    {
        Skip.If(TestPaths.SharedCaptures is null, TestPaths.NoSharedCaptures);
        string[] names = ["cs_tcp_dupack.pcapng", "tcpdump_tcp-handshake-nano.pcap", "gopacket_be_test201.pcapng",
            "pcapplusplus_sll2.pcap", "suricata_tcp-opt.pcap", "zeek_pcapng-multi-interface.pcapng"];
        foreach (string name in names)
        {
            string path = Path.Combine(TestPaths.SharedCaptures!, name);
            byte[] bytes = File.ReadAllBytes(path);
            AssertEveryCut(bytes.Length > 20_000 ? bytes[..20_000] : bytes, name);
        }
    }

    private static void AssertEveryCut(byte[] file, string name)
    {
        var (full, fullReader) = ReadAll.From(file, name);
        var boundaries = new HashSet<long>(full.Select(f => f.Offset));
        for (int cut = 0; cut < file.Length; cut++)
        {
            List<ReadFrame> frames;
            CaptureReader reader;
            try
            {
                (frames, reader) = ReadAll.From(file[..cut], name);
            }
            catch (CaptureFormatException)
            {
                // Only a cut inside the file header or first section header may refuse the file.
                Assert.True(full.Count == 0 || cut <= full[0].Offset, $"{name} cut at {cut}: refused although frames precede the cut");
                continue;
            }
            Assert.True(frames.Count <= full.Count);
            for (int i = 0; i < frames.Count; i++)
            {
                Assert.Equal(full[i].Number, frames[i].Number);
                Assert.Equal(full[i].Data, frames[i].Data);
                PacketDecoder.Decode(frames[i].LinkType, frames[i].Data, out _);
            }
            if (frames.Count < full.Count && full[frames.Count].Offset < cut)
            {
                // The cut fell inside a record that follows the frames read.
                CaptureError error = Assert.IsType<CaptureError>(reader.Error);
                Assert.Equal(CaptureErrorKind.Truncated, error.Kind);
                Assert.Equal(frames.Count + 1, error.FrameNumber);
                Assert.True(error.ByteOffset <= full[frames.Count].Offset, $"{name} cut at {cut}: offset {error.ByteOffset}");
                Assert.Contains(name, error.ToString(), StringComparison.Ordinal);
            }
            else if (boundaries.Contains(cut) && fullReader.Error is null)
            {
                Assert.Equal(full.Count(f => f.Offset < cut), frames.Count);
            }
        }
    }
}
