using TcpLens.Capture.Decoding;
using TcpLens.Capture.Tests.Support;
using static TcpLens.Capture.Tests.Support.SyntheticCaptures;

namespace TcpLens.Capture.Tests.Robustness;

/// <summary>
/// A seeded random-mutation run over thousands of corrupted captures: reading and decoding must
/// never throw (other than refusing a damaged header at open), always end, and never allocate
/// more than a fixed bound whatever a length field claims.
/// </summary>
public class MutationFuzzTests
{
    private const int Seed = 20261123;
    private const long AllocationBound = 64L << 20;
    private static readonly uint[] Extremes = [0, 1, 0xFFFFFFFF, 0x7FFFFFFF, 0x80000000, 0x0FFFFFFF, 262_145, 12, 3];

    private static IEnumerable<(string Name, byte[] Bytes)> Seeds()
    {
        var records = Enumerable.Range(1, 12).Select(i => ((uint)i, (uint)i, TcpFrame((ushort)i, i % 5 * 10), (int?)null)).ToArray();
        yield return ("pcap", Pcap(records));
        yield return ("pcap-be", Pcap(records, bigEndian: true, magic: 0xA1B23C4D));
        yield return ("pcapng", new PcapNg().Section().Interface(1).Interface(101, tsresol: 0x88)
            .Enhanced(0, 1, TcpFrame(1)).Enhanced(1, 2, TcpFrame(2)[14..]).Other(4, 24).Simple(TcpFrame(3))
            .Obsolete(0, 9, TcpFrame(4)).Section(bigEndian: true).Interface(113).Enhanced(0, 3, TcpFrame(5)).ToArray());
        if (TestPaths.SharedCaptures is { } dir)
        {
            foreach (string name in new[] { "cs_tcp_dupack.pcapng", "zeek_tcp_option-sack.pcap", "pcapplusplus_sll2.pcap",
                "zeek_ipv6.pcap", "zeek_pppoe-over-qinq.pcap", "gopacket_test_loopback.pcap" })
            {
                string path = Path.Combine(dir, name);
                if (File.Exists(path))
                {
                    byte[] b = File.ReadAllBytes(path);
                    yield return (name, b.Length > 8000 ? b[..8000] : b);
                }
            }
        }
    }

    [Fact]
    public void Thousands_of_mutated_captures_never_crash_hang_or_balloon()
    {
        var random = new Random(Seed);
        var seeds = Seeds().ToList();
        int cases = 0, refused = 0, stoppedEarly = 0;
        long frames = 0;
        foreach (var (name, original) in seeds)
        {
            int perSeed = 6000 / seeds.Count + 1;
            for (int i = 0; i < perSeed; i++)
            {
                byte[] mutated = Mutate(original, random);
                long before = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    using var reader = CaptureReader.Open(new MemoryStream(mutated), name);
                    long read = 0;
                    while (reader.TryRead(out CaptureFrame f))
                    {
                        PacketDecoder.Decode(f, out _);
                        read++;
                        Assert.True(read <= mutated.Length / 8 + 1, $"{name} case {i}: more frames than the bytes allow");
                    }
                    frames += read;
                    stoppedEarly += reader.Error is null ? 0 : 1;
                }
                catch (CaptureFormatException)
                {
                    refused++;
                }
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                Assert.True(allocated < AllocationBound, $"{name} case {i}: allocated {allocated} bytes");
                cases++;
            }
        }
        Assert.True(cases >= 5000);
        // The run must exercise all three outcomes, or the mutations are too weak to mean anything.
        Assert.True(refused > 0 && stoppedEarly > 0 && frames > 0, $"refused {refused}, stopped early {stoppedEarly}, frames {frames}");
    }

    private static byte[] Mutate(byte[] input, Random random)
    {
        var bytes = new List<byte>(input);
        int edits = random.Next(1, 5);
        for (int e = 0; e < edits && bytes.Count > 8; e++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2:
                    // overwrite an aligned 32-bit field (lengths, counts, offsets) with an extreme value
                    int field = at & ~3;
                    uint v = Extremes[random.Next(Extremes.Length)];
                    for (int k = 0; k < 4 && field + k < bytes.Count; k++)
                    {
                        bytes[field + k] = (byte)(v >> (8 * (random.Next(2) == 0 ? k : 3 - k)));
                    }
                    break;
                case 3:
                    bytes.InsertRange(at, Enumerable.Repeat((byte)random.Next(256), random.Next(1, 9)));
                    break;
                case 4:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 9), bytes.Count - at));
                    break;
                default:
                    int from = random.Next(bytes.Count);
                    int len = Math.Min(random.Next(4, 64), bytes.Count - Math.Max(from, at));
                    for (int k = 0; k < len; k++)
                    {
                        bytes[at + k] = bytes[from + k];
                    }
                    break;
            }
        }
        return [.. bytes];
    }
}
