using TcpLens.Capture.Tests.Support;
using TcpLens.Capture.Timelines;
using static TcpLens.Capture.Tests.Support.CaptureBuilder;

namespace TcpLens.Capture.Tests.Timelines;

/// <summary>
/// The time of a piece's last frame, found from the end of the file where the format allows:
/// always the time reading the whole file gives, and never a crash or a big allocation on a
/// damaged or lying tail.
/// </summary>
public sealed class PieceEndTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tcplens-piece-end-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static bool ReadsCleanly(string file)
    {
        using CaptureReader reader = CaptureReader.Open(file);
        while (reader.TryRead(out _))
        {
        }
        return reader.Error is null;
    }

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [SkippableTheory]
    [MemberData(nameof(CaptureCases.Project), MemberType = typeof(CaptureCases))]
    public void Project_captures_end_where_reading_them_ends(string name)
    {
        string file = CaptureCases.ProjectPath(name);
        PieceStart start = PieceStart.Read(file);
        Timestamp? end = PieceEnd.Read(start, out PieceEndSource source);

        Assert.NotNull(end);
        Assert.Equal(PieceEnd.ReadThrough(file), end);
        // plain files are read from their end; compressed ones must be read through
        Assert.Equal(start.Format!.Value.Compression == CaptureCompression.None ? PieceEndSource.Tail : PieceEndSource.ReadThrough, source);
    }

    [SkippableTheory]
    [MemberData(nameof(CaptureCases.Shared), MemberType = typeof(CaptureCases))]
    public void Public_captures_end_where_reading_them_ends_and_damaged_ones_do_not_crash(string name)
    {
        string file = CaptureCases.SharedPath(name);
        PieceStart start = PieceStart.Read(file);
        Timestamp? end = PieceEnd.Read(start, out _);
        if (start.First is null)
        {
            return;
        }
        Assert.NotNull(end);
        if (ReadsCleanly(file))
        {
            Assert.Equal(PieceEnd.ReadThrough(file), end);
        }
    }

    [Theory]
    [InlineData("lossy.pcap")]
    [InlineData("syn-retry.pcap")]
    [InlineData("reorder.pcapng")]
    public void A_piece_cut_anywhere_near_its_end_ends_at_its_last_whole_frame(string name)
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(TestPaths.TestData, name));
        string cut = Path.Combine(_dir, name);
        // Every length from the file's length less one down to the last 3000 bytes: written once,
        // then cut shorter one byte at a time.
        using var file = new FileStream(cut, FileMode.Create, FileAccess.Write, FileShare.ReadWrite);
        file.Write(bytes);
        for (int length = bytes.Length - 1; length >= Math.Max(200, bytes.Length - 3000); length--)
        {
            file.SetLength(length);
            file.Flush();
            Assert.True(new FileInfo(cut).Length == length, $"{cut} is not {length} bytes long");
            Assert.Equal(PieceEnd.ReadThrough(cut), CaptureTimeline.LastFrameTime(cut));
        }
    }

    [Fact]
    public void Dumpcaps_statistics_blocks_after_the_last_packet_are_walked_over()
    {
        byte[] file = PcapNg().Section().Interface(LinkType.Ethernet, tsresol: 9)
            .Enhanced(0, 1_700_000_000_000_000_000, TcpPacket(1))
            .Enhanced(0, 1_700_000_002_500_000_001, TcpPacket(2))
            .InterfaceStatistics(0, 1_700_000_003_000_000_000, 2, 0)
            .NameResolution([([10, 0, 0, 1], "h")])
            .ToArray();
        string path = Write("stats.pcapng", file);

        Assert.Equal(new Timestamp(1_700_000_002, 500_000_001), PieceEnd.Read(PieceStart.Read(path), out PieceEndSource source));
        Assert.Equal(PieceEndSource.Tail, source);
    }

    [Fact]
    public void A_second_section_or_a_simple_packet_at_the_end_is_read_through()
    {
        // the second section's interface has another time resolution: only reading tells
        byte[] sections = PcapNg().Section().Interface(LinkType.Ethernet)
            .Enhanced(0, 1_700_000_000_000_000, TcpPacket(1))
            .Section().Interface(LinkType.Ethernet, tsresol: 9)
            .Enhanced(0, 1_700_000_001_000_000_000, TcpPacket(2))
            .ToArray();
        byte[] simple = PcapNg().Section().Interface(LinkType.Ethernet)
            .Enhanced(0, 1_700_000_000_000_000, TcpPacket(1))
            .Enhanced(0, 1_700_000_004_000_000, TcpPacket(2))
            .Simple(TcpPacket(3))
            .ToArray();
        foreach ((string name, byte[] bytes, Timestamp expected) in new[]
        {
            ("sections.pcapng", sections, new Timestamp(1_700_000_001, 0)),
            ("simple.pcapng", simple, new Timestamp(1_700_000_004, 0)),
        })
        {
            string path = Write(name, bytes);
            Assert.Equal(expected, PieceEnd.Read(PieceStart.Read(path), out PieceEndSource source));
            Assert.Equal(PieceEndSource.ReadThrough, source);
        }
    }

    [Theory]
    [InlineData(0xFFFFFFF0u)]  // 4 GB
    [InlineData(0x7FFFFFFCu)]  // 2 GB
    [InlineData(16u)]          // a block that is not there
    [InlineData(13u)]          // not a multiple of 4
    public void A_lying_trailing_length_is_not_trusted(uint length)
    {
        byte[] good = PcapNg().Section().Interface(LinkType.Ethernet)
            .Enhanced(0, 1_700_000_000_000_000, TcpPacket(1))
            .Enhanced(0, 1_700_000_001_000_000, TcpPacket(2))
            .ToArray();
        byte[] lie = BitConverter.GetBytes(length);
        string path = Write("lie.pcapng", [.. good, .. lie]);

        long before = GC.GetAllocatedBytesForCurrentThread();
        Timestamp? end = CaptureTimeline.LastFrameTime(path);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // reading stops at the damage after the second frame: that is where the piece ends
        Assert.Equal(new Timestamp(1_700_000_001, 0), end);
        Assert.Equal(PieceEnd.ReadThrough(path), end);
        Assert.True(allocated < 4 << 20, $"{allocated} bytes allocated for a {good.Length + 4}-byte file");
    }

    [Theory]
    [InlineData(PcapMagic.Microseconds, false)]
    [InlineData(PcapMagic.Nanoseconds, true)]
    [InlineData(PcapMagic.Modified, false)]
    public void Pcap_tails_of_every_layout_are_found(PcapMagic magic, bool bigEndian)
    {
        PcapBuilder pcap = Pcap(bigEndian, magic);
        for (uint i = 0; i < 50; i++)
        {
            pcap.Record(1_700_000_000 + i, i * 7, TcpPacket((ushort)(i + 1), (int)(i * 13 % 200)));
        }
        string path = Write("layout.pcap", pcap.ToArray());

        Timestamp? end = PieceEnd.Read(PieceStart.Read(path), out PieceEndSource source);
        Assert.Equal(PieceEnd.ReadThrough(path), end);
        Assert.Equal(1_700_000_049, end!.Value.Seconds);
        Assert.Equal(PieceEndSource.Tail, source);
    }

    [Fact]
    public void Garbage_after_the_last_pcap_record_is_read_through()
    {
        byte[] good = File.ReadAllBytes(Path.Combine(TestPaths.TestData, "lossy.pcap"));
        string path = Write("garbage.pcap", [.. good, .. new byte[37]]);
        Assert.Equal(PieceEnd.ReadThrough(path), PieceEnd.Read(PieceStart.Read(path), out PieceEndSource source));
        Assert.Equal(PieceEndSource.ReadThrough, source);
    }

    [Theory]
    [InlineData("lossy.pcap")]
    [InlineData("reorder.pcapng")]
    public void Random_damage_near_the_end_never_throws_and_an_end_is_always_found(string name)
    {
        byte[] good = File.ReadAllBytes(Path.Combine(TestPaths.TestData, name));
        string path = Path.Combine(_dir, name);
        var random = new Random(20261124);
        for (int round = 0; round < 300; round++)
        {
            byte[] bad = (byte[])good.Clone();
            for (int n = random.Next(1, 6); n > 0; n--)
            {
                bad[bad.Length - 1 - random.Next(Math.Min(400, bad.Length - 100))] = (byte)random.Next(256);
            }
            File.WriteAllBytes(path, bad);
            PieceStart start = PieceStart.Read(path);
            Timestamp? end = PieceEnd.Read(start, out PieceEndSource source);
            Assert.NotNull(end);
            if (source == PieceEndSource.ReadThrough)
            {
                Assert.Equal(PieceEnd.ReadThrough(path), end);
            }
        }
    }
}
