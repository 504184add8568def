using System.Diagnostics;
using System.Globalization;
using TcpLens.Capture.Decoding;
using TcpLens.Capture.Tests.Support;
using Xunit.Abstractions;
using static TcpLens.Capture.Tests.Support.CaptureBuilder;

namespace TcpLens.Capture.Tests.Robustness;

/// <summary>
/// A seeded random-mutation run over thousands of corrupted captures: opening, reading and
/// decoding must never throw (other than refusing a damaged header at open), must always end,
/// and must never allocate more than a fixed bound whatever a length field claims. Every case is
/// reproducible on its own from (seed name, case index). For a longer soak set TCPLENS_FUZZ_CASES
/// (number of cases) and TCPLENS_FUZZ_ALL_SHARED=1 (every shared capture as a seed).
/// </summary>
public class MutationFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20_261_124;
    private const long AllocationBound = 64L << 20;
    private static readonly uint[] Extremes32 =
        [0, 1, 3, 12, 0xFFFFFFFF, 0xFFFFFFFC, 0x7FFFFFFF, 0x80000000, 0x0FFFFFFF, 262_145, 0x08000000, 0x100000];
    private static readonly ushort[] Extremes16 = [0, 1, 0xFFFF, 0x7FFF, 0x8000, 0x00FF, 4];

    private sealed record FuzzSeed(string Name, byte[] Plain, string Compression)
    {
        public byte[] Bytes { get; } = Compression switch
        {
            "gzip" => Gzip(Plain),
            "zstd" => Zstd(Plain),
            _ => Plain,
        };

        /// <summary>Offsets of header and length fields, where damage hurts most.</summary>
        public int[] Fields { get; } = FieldOffsets(Plain);

        /// <summary>Offsets of link-type fields (pcap header, pcapng interface blocks).</summary>
        public int[] LinkFields { get; } = LinkTypeOffsets(Plain);
    }

    /// <summary>Link types the decoders handle, and a few they do not.</summary>
    private static readonly ushort[] LinkTypes = [0, 1, 9, 12, 14, 50, 101, 108, 113, 228, 229, 276, 105, 127, 0xFFFF];

    private static int[] LinkTypeOffsets(byte[] plain)
    {
        var (header, blocks) = CaptureLayout.Walk(plain);
        if (header == 24)
        {
            return [20, 22];   // the low 16 bits of the 32-bit field, little- or big-endian
        }
        return [.. blocks.Where(b => b.Type == InterfaceType).Select(b => (int)b.Offset + 8)];
    }

    private static int[] FieldOffsets(byte[] plain)
    {
        var (header, blocks) = CaptureLayout.Walk(plain);
        var fields = new List<int>();
        for (int f = 0; f < header && f < 64; f += 4)
        {
            fields.Add(f);
        }
        foreach (BuiltBlock b in blocks)
        {
            for (int f = 0; f <= 24 && f < b.Length; f += 4)
            {
                fields.Add((int)b.Offset + f);
            }
            fields.Add((int)b.End - 4);
        }
        return [.. fields];
    }

    private static List<FuzzSeed> Seeds()
    {
        var seeds = new List<FuzzSeed>();
        PcapBuilder pcap = CaptureBuilder.Pcap();
        PcapBuilder pcapBe = CaptureBuilder.Pcap(bigEndian: true, magic: PcapMagic.Nanoseconds, linkType: 101);
        PcapBuilder modified = CaptureBuilder.Pcap(magic: PcapMagic.Modified, linkType: 113);
        for (int i = 1; i <= 10; i++)
        {
            pcap.Record((uint)i, (uint)i, TcpPacket((ushort)i, i % 5 * 10));
            pcapBe.Record((uint)i, (uint)i, Ipv4Tcp((ushort)i, i % 4));
            modified.Record((uint)i, 0, SllIpv4Tcp((ushort)i, i));
        }
        seeds.Add(new FuzzSeed("pcap", pcap.ToArray(), "none"));
        seeds.Add(new FuzzSeed("pcap-be-nsec-raw", pcapBe.ToArray(), "none"));
        seeds.Add(new FuzzSeed("pcap-modified-sll", modified.ToArray(), "none"));
        byte[] ng = CaptureBuilder.PcapNg().Section(options: [NgOption.Comment("fuzz")])
            .Interface(LinkType.Ethernet, snapLength: 128, name: "eth0").Interface(LinkType.Raw, tsresol: 0x88, tsoffset: 100)
            .Enhanced(0, 1, TcpPacket(1), options: [NgOption.Comment("c")]).Enhanced(1, 2, Ipv4Tcp(2, 3))
            .NameResolution([([10, 0, 0, 1], "a")]).Simple(TcpPacket(3, 200)).Obsolete(0, 9, TcpPacket(4))
            .InterfaceStatistics(1, 5, 3, 0).DecryptionSecrets([1, 2, 3, 4, 5]).Custom(true, [6, 7]).Block(0x4321, [8])
            .Section(bigEndian: true).Interface(LinkType.LinuxSll, tsresol: 9).Interface(LinkType.Ipv6)
            .Enhanced(0, 3, SllIpv4Tcp(5)).Simple(SllIpv4Tcp(6)).Enhanced(1, 4, Ipv4Tcp(7)).ToArray();
        seeds.Add(new FuzzSeed("pcapng", ng, "none"));
        seeds.Add(new FuzzSeed("pcap.gz", pcap.ToArray(), "gzip"));
        seeds.Add(new FuzzSeed("pcapng.zst", ng, "zstd"));
        foreach (string name in new[] { "keepalive.pcap", "ipv6-sll2.pcap", "port-reuse.pcap" })
        {
            string path = Path.Combine(TestPaths.TestData, name);
            if (File.Exists(path))
            {
                seeds.Add(new FuzzSeed(name, WholeRecords(File.ReadAllBytes(path), 8000), "none"));
            }
        }
        if (TestPaths.SharedCaptures is { } dir)
        {
            string[] names = Environment.GetEnvironmentVariable("TCPLENS_FUZZ_ALL_SHARED") == "1"
                ? [.. TestPaths.SharedCaptureFiles().Select(Path.GetFileName).OfType<string>()]
                : ["cs_tcp_dupack.pcapng", "zeek_tcp_option-sack.pcap", "pcapplusplus_sll2.pcap",
                    "gopacket_be_test201.pcapng", "zeek_pcapng-multi-interface.pcapng", "zeek_pppoe-over-qinq.pcap",
                    "gopacket_test_loopback.pcap", "tcpdump_tcp-handshake-nano.pcap"];
            foreach (string name in names)
            {
                string path = Path.Combine(dir, name);
                if (File.Exists(path) && !name.EndsWith(".gz", StringComparison.Ordinal) && !name.EndsWith(".zst", StringComparison.Ordinal))
                {
                    seeds.Add(new FuzzSeed(name, WholeRecords(File.ReadAllBytes(path), 8000), "none"));
                }
            }
        }
        return seeds;
    }

    /// <summary>The file cut after its last whole record within <paramref name="max"/> bytes (so layout offsets stay meaningful).</summary>
    private static byte[] WholeRecords(byte[] file, int max)
    {
        var (_, blocks) = CaptureLayout.Walk(file);
        long end = blocks.Count > 0 ? blocks.LastOrDefault(x => x.End <= max, blocks[0]).End : Math.Min(file.Length, max);
        return file[..(int)end];
    }

    /// <summary>A deterministic per-case generator: the same (seed name, index) gives the same mutation.</summary>
    private static Random CaseRandom(string name, int index)
    {
        uint h = 2166136261;
        foreach (char c in name)
        {
            h = (h ^ c) * 16777619;
        }
        return new Random(unchecked(Seed ^ (int)h ^ (index * 40503)));
    }

    [Fact]
    public void Thousands_of_mutated_captures_never_crash_hang_or_balloon()
    {
        int total = int.TryParse(Environment.GetEnvironmentVariable("TCPLENS_FUZZ_CASES"), NumberStyles.None,
            CultureInfo.InvariantCulture, out int n) ? n : 20_000;
        List<FuzzSeed> seeds = Seeds();
        int perSeed = total / seeds.Count + 1;
        int cases = 0, refused = 0, stoppedEarly = 0, clean = 0;
        long frames = 0, maxAllocated = 0;
        var clock = Stopwatch.StartNew();
        foreach (FuzzSeed seed in seeds)
        {
            for (int i = 0; i < perSeed; i++)
            {
                byte[] mutated = Mutate(seed, seeds, CaseRandom(seed.Name, i));
                var result = RunCase(mutated, seed.Name, seed.Compression != "none", $"{seed.Name} case {i}");
                refused += result.Refused ? 1 : 0;
                stoppedEarly += result.Error ? 1 : 0;
                clean += !result.Refused && !result.Error ? 1 : 0;
                frames += result.Frames;
                maxAllocated = Math.Max(maxAllocated, result.Allocated);
                cases++;
            }
        }
        clock.Stop();
        output.WriteLine($"{cases} cases over {seeds.Count} seeds in {clock.Elapsed.TotalSeconds:F1} s: refused at open {refused}, " +
            $"stopped with an error {stoppedEarly}, read to the end {clean}, {frames} frames, most allocated by one case {maxAllocated} bytes");
        Assert.True(cases >= 5000, $"only {cases} cases");
        // Each outcome must be common, or the mutations are too weak (or too destructive) to mean anything.
        Assert.True(refused > cases / 50 && stoppedEarly > cases / 10 && clean > cases / 50,
            $"refused {refused}, stopped early {stoppedEarly}, clean {clean}");
    }

    private readonly record struct CaseResult(bool Refused, bool Error, long Frames, long Allocated);

    private static CaseResult RunCase(byte[] input, string name, bool compressed, string what)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        long read = 0;
        bool refused = false, error = false;
        // Each frame consumes at least 12 bytes of the (decompressed) file; deflate expands at most ~1032:1.
        long frameBound = (compressed ? input.Length * 1100L : input.Length) / 12 + 1;
        try
        {
            using var reader = CaptureReader.Open(new MemoryStream(input, writable: false), name);
            while (reader.TryRead(out CaptureFrame frame))
            {
                read++;
                if (frame.Number != read || read > frameBound)
                {
                    Assert.Fail($"{what}: frame {frame.Number} after {read} reads (bound {frameBound}); input {Hex(input)}");
                }
                PacketDecoder.Decode(frame, out TcpSegment segment);
                _ = segment.PayloadLength;
            }
            if (reader.Error is { } e)
            {
                error = true;
                if (e.FrameNumber != read + 1 || e.File != name || !e.ToString().StartsWith(name + ": ", StringComparison.Ordinal))
                {
                    Assert.Fail($"{what}: inconsistent error {e} after {read} frames");
                }
            }
        }
        catch (CaptureFormatException e)
        {
            refused = true;
            if (!e.Message.StartsWith(name + ": ", StringComparison.Ordinal))
            {
                Assert.Fail($"{what}: refusal does not name the file: {e.Message}");
            }
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            Assert.Fail($"{what}: {e.GetType().Name}: {e.Message}\ninput {Hex(input)}\n{e.StackTrace}");
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (allocated > AllocationBound)
        {
            Assert.Fail($"{what}: allocated {allocated} bytes for a {input.Length}-byte input {Hex(input)}");
        }
        return new CaseResult(refused, error, read, allocated);
    }

    private static string Hex(byte[] b) => b.Length <= 4096 ? Convert.ToHexString(b) : $"({b.Length} bytes)";

    private static byte[] Mutate(FuzzSeed seed, List<FuzzSeed> all, Random random)
    {
        // Compressed seeds: damage the compressed bytes, or damage the capture and compress it again.
        bool damageInside = seed.Compression != "none" && random.Next(2) == 0;
        byte[] start = damageInside ? seed.Plain : seed.Bytes;
        int[] fields = seed.Compression == "none" || damageInside ? seed.Fields : [];
        var bytes = new List<byte>(start);
        int edits = random.Next(1, 5);
        for (int e = 0; e < edits && bytes.Count > 4; e++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(11))
            {
                case 10 when seed.LinkFields.Length > 0 && (seed.Compression == "none" || damageInside):
                    // Another link type, so every decoder sees every kind of packet.
                    Put(bytes, seed.LinkFields[random.Next(seed.LinkFields.Length)], LinkTypes[random.Next(LinkTypes.Length)], 2,
                        random.Next(2) == 0);
                    break;
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2:
                case 3:
                    // A length, count or header field set to an extreme value, in either byte order.
                    int field = fields.Length > 0 && random.Next(4) != 0 ? fields[random.Next(fields.Length)] : at & ~3;
                    Put(bytes, field, Extremes32[random.Next(Extremes32.Length)], 4, random.Next(2) == 0);
                    break;
                case 4:
                    int field16 = fields.Length > 0 && random.Next(2) == 0 ? fields[random.Next(fields.Length)] + 2 * random.Next(4) : at & ~1;
                    Put(bytes, field16, Extremes16[random.Next(Extremes16.Length)], 2, random.Next(2) == 0);
                    break;
                case 5:
                    byte fill = (byte)random.Next(256);
                    bytes.InsertRange(at, Enumerable.Range(0, random.Next(1, 17)).Select(_ => random.Next(3) == 0 ? (byte)random.Next(256) : fill));
                    break;
                case 6:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 17), bytes.Count - at));
                    break;
                case 7:
                    // Splice: a piece of another seed (or this one) over this one.
                    byte[] other = all[random.Next(all.Count)].Plain;
                    int from = random.Next(other.Length);
                    int len = Math.Min(random.Next(4, 96), Math.Min(other.Length - from, bytes.Count - at));
                    for (int k = 0; k < len; k++)
                    {
                        bytes[at + k] = other[from + k];
                    }
                    break;
                case 8:
                    // Repeat a chunk (a block copied twice, a record header duplicated).
                    int chunk = Math.Min(random.Next(8, 200), bytes.Count - at);
                    bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, chunk));
                    break;
                case 9:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                default:
                    bytes[at] = (byte)~bytes[at];
                    break;
            }
        }
        byte[] result = [.. bytes];
        return !damageInside ? result : seed.Compression == "gzip" ? Gzip(result) : Zstd(result);
    }

    private static void Put(List<byte> bytes, int at, uint value, int size, bool bigEndian)
    {
        for (int k = 0; k < size && at + k < bytes.Count && at + k >= 0; k++)
        {
            int shift = 8 * (bigEndian ? size - 1 - k : k);
            bytes[at + k] = (byte)(value >> shift);
        }
    }
}
