using System.Buffers.Binary;
using TcpLens.Capture.Tests.Files;
using TcpLens.Capture.Tests.Support;
using static TcpLens.Capture.Tests.Support.CaptureBuilder;

namespace TcpLens.Capture.Tests.Robustness;

/// <summary>
/// Length fields that claim gigabytes in a tiny file: a precise Corrupt or Truncated error at the
/// lying record, and no more memory than the file really holds.
/// </summary>
public class LyingLengthTests
{
    private const long SmallAllocation = 2 << 20;

    private static (List<ReadFrame> Frames, CaptureError? Error, long Allocated) Measure(Func<Stream> open, string name)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var frames = new List<ReadFrame>();
        using var reader = CaptureReader.Open(open(), name);
        while (reader.TryRead(out CaptureFrame f))
        {
            frames.Add(new ReadFrame(f.Number, f.Time, f.HasTime, f.LinkType, f.InterfaceIndex, f.OriginalLength, f.FileOffset, f.Data.ToArray()));
        }
        return (frames, reader.Error, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static readonly string[] Hows = ["seekable", "pipe", "gzip"];

    public static TheoryData<string> Sources() => new(Hows);

    private static Func<Stream> Source(string how, byte[] file) => how switch
    {
        "seekable" => () => new MemoryStream(file),
        "pipe" => () => new OneByteAtATimeStream(file),
        _ => () => new MemoryStream(Gzip(file)),
    };

    [Theory]
    [InlineData(0xFFFFFFFFu)]   // 4 GB
    [InlineData(0xFFFFFFF0u)]
    [InlineData(0x80000000u)]   // 2 GB
    [InlineData(0x7FFFFFFFu)]
    [InlineData(262_145u)]      // one past Wireshark's maximum
    public void Pcap_record_claiming_gigabytes_is_corrupt_at_once(uint claimed)
    {
        PcapBuilder built = CaptureBuilder.Pcap().Record(1, 0, TcpPacket(1)).Record(2, 0, TcpPacket(2)).Record(3, 0, TcpPacket(3));
        byte[] file = built.ToArray();
        long second = built.Blocks[1].Offset;
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan((int)second + 8), claimed);
        foreach (string how in Hows)
        {
            var (frames, error, allocated) = Measure(Source(how, file), "liar.pcap");
            Assert.Single(frames);
            Assert.NotNull(error);
            Assert.Equal(CaptureErrorKind.Corrupt, error.Kind);
            Assert.Equal(2, error.FrameNumber);
            Assert.Equal(second, error.ByteOffset);
            Assert.Contains(claimed.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
            Assert.True(allocated < SmallAllocation, $"{how}: allocated {allocated}");
        }
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void Pcap_record_claiming_the_largest_legal_length_in_a_tiny_file_is_truncated(string how)
    {
        PcapBuilder built = CaptureBuilder.Pcap().Record(1, 0, TcpPacket(1)).Record(2, 0, TcpPacket(2));
        byte[] file = built.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan((int)built.Blocks[1].Offset + 8), 262_144);
        var (frames, error, allocated) = Measure(Source(how, file), "short.pcap");
        Assert.Single(frames);
        Assert.Equal(CaptureErrorKind.Truncated, error!.Kind);
        Assert.Equal(built.Blocks[1].Offset, error.ByteOffset);
        Assert.True(allocated < SmallAllocation, $"allocated {allocated}");
    }

    [Theory]
    [InlineData(0xFFFFFFFCu)]   // 4 GB
    [InlineData(0x80000000u)]   // 2 GB
    [InlineData(0x7FFFFFFCu)]
    [InlineData(0x08100000u)]   // just over the 128 MiB + 128 KiB block ceiling
    public void Pcapng_block_claiming_gigabytes_is_corrupt_at_once(uint claimed)
    {
        PcapNgBuilder built = CaptureBuilder.PcapNg().Section().Interface(LinkType.Ethernet).Enhanced(0, 1, TcpPacket(1)).Enhanced(0, 2, TcpPacket(2));
        byte[] file = built.ToArray();
        long second = built.Blocks[^1].Offset;
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan((int)second + 4), claimed);
        foreach (string how in Hows)
        {
            var (frames, error, allocated) = Measure(Source(how, file), "liar.pcapng");
            Assert.Single(frames);
            Assert.NotNull(error);
            Assert.Equal(CaptureErrorKind.Corrupt, error.Kind);
            Assert.Equal(2, error.FrameNumber);
            Assert.Equal(second, error.ByteOffset);
            Assert.True(allocated < SmallAllocation, $"{how}: allocated {allocated}");
        }
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void Pcapng_block_claiming_100_MB_in_a_tiny_file_is_truncated_without_growing_the_buffer(string how)
    {
        PcapNgBuilder built = CaptureBuilder.PcapNg().Section().Interface(LinkType.Ethernet).Enhanced(0, 1, TcpPacket(1)).Enhanced(0, 2, TcpPacket(2));
        byte[] file = built.ToArray();
        long second = built.Blocks[^1].Offset;
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan((int)second + 4), 100_000_000);
        var (frames, error, allocated) = Measure(Source(how, file), "short.pcapng");
        Assert.Single(frames);
        Assert.Equal(CaptureErrorKind.Truncated, error!.Kind);
        Assert.Equal(2, error.FrameNumber);
        Assert.Equal(second, error.ByteOffset);
        Assert.Contains("100000000", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < SmallAllocation, $"allocated {allocated}");
    }

    [Fact]
    public void Section_header_claiming_gigabytes_is_refused_at_open()
    {
        byte[] file = CaptureBuilder.PcapNg().Section().Interface(LinkType.Ethernet).ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), 0xFFFFFFF0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<CaptureFormatException>(() => CaptureReader.Open(new MemoryStream(file), "shb.pcapng"));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < SmallAllocation);
        Assert.StartsWith("shb.pcapng: ", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(20, 0xFFFFFFFFu, "captured")]      // EPB captured length: 4 GB
    [InlineData(20, 0x7FFFFFFFu, "captured")]
    [InlineData(8, 0xFFFFFFFFu, "interface")]      // EPB interface id
    public void Packet_block_fields_claiming_gigabytes_are_corrupt(int fieldOffset, uint value, string what)
    {
        PcapNgBuilder built = CaptureBuilder.PcapNg().Section().Interface(LinkType.Ethernet).Enhanced(0, 1, TcpPacket(1)).Enhanced(0, 2, TcpPacket(2));
        byte[] file = built.ToArray();
        long second = built.Blocks[^1].Offset;
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan((int)second + fieldOffset), value);
        var (frames, error, allocated) = Measure(Source("seekable", file), "field.pcapng");
        Assert.Single(frames);
        Assert.Equal(CaptureErrorKind.Corrupt, error!.Kind);
        Assert.Equal(second, error.ByteOffset);
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
        Assert.True(allocated < SmallAllocation);
    }

    [Fact]
    public void Simple_packet_claiming_4_GB_on_an_unlimited_interface_is_corrupt()
    {
        PcapNgBuilder built = CaptureBuilder.PcapNg().Section().Interface(LinkType.Ethernet).Simple(TcpPacket(1)).Simple(TcpPacket(2));
        byte[] file = built.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan((int)built.Blocks[^1].Offset + 8), 0xFFFFFFFF);
        var (frames, error, _) = Measure(Source("seekable", file), "spb.pcapng");
        Assert.Single(frames);
        Assert.Equal(CaptureErrorKind.Corrupt, error!.Kind);
        Assert.Equal(built.Blocks[^1].Offset, error.ByteOffset);
    }

    [Fact]
    public void Interface_option_claiming_more_than_the_block_is_corrupt()
    {
        // if_name claims 0xFFFF bytes inside a 32-byte IDB.
        byte[] idb = new ByteWriter(false).U32(InterfaceType).U32(32).U16(1).U16(0).U32(0).U16(2).U16(0xFFFF).U32(0).U32(0).U32(32).ToArray();
        byte[] file = [.. CaptureBuilder.PcapNg().Section().ToArray(), .. idb];
        var (frames, error, _) = Measure(Source("seekable", file), "opt.pcapng");
        Assert.Empty(frames);
        Assert.Equal(CaptureErrorKind.Corrupt, error!.Kind);
        Assert.Contains("65535", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Original_length_of_4_GB_is_kept_as_far_as_an_int_goes()
    {
        PcapBuilder built = CaptureBuilder.Pcap().Record(1, 0, TcpPacket(1), originalLength: 0xFFFFFFFF);
        var (frames, error, _) = Measure(Source("seekable", built.ToArray()), "orig.pcap");
        Assert.Null(error);
        Assert.Equal(int.MaxValue, Assert.Single(frames).OriginalLength);
    }

    [Fact]
    public void Zstd_frame_demanding_a_2_GB_window_is_refused_without_allocating_it()
    {
        // Frame header: no content size, window descriptor 0xA8 = 2^31 bytes; then an empty last raw block.
        byte[] zst = [0x28, 0xB5, 0x2F, 0xFD, 0x00, 0xA8, 0x01, 0x00, 0x00];
        long before = GC.GetAllocatedBytesForCurrentThread();
        long memoryBefore = GC.GetTotalMemory(false);
        var e = Assert.Throws<CaptureFormatException>(() => CaptureReader.Open(new MemoryStream(zst), "window.zst"));
        Assert.StartsWith("window.zst: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("zstd", e.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20);
        Assert.True(GC.GetTotalMemory(false) - memoryBefore < 64 << 20);
    }
}
