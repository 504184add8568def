using TcpLens.Capture.Decoding;
using TcpLens.Capture.Tests.Support;
using static TcpLens.Capture.Tests.Support.CaptureBuilder;

namespace TcpLens.Capture.Tests.Files;

public class PcapReaderTests
{
    public static TheoryData<bool, PcapMagic> Variants() => new()
    {
        { false, PcapMagic.Microseconds },
        { true, PcapMagic.Microseconds },
        { false, PcapMagic.Nanoseconds },
        { true, PcapMagic.Nanoseconds },
        { false, PcapMagic.Modified },
        { true, PcapMagic.Modified },
    };

    private static PcapBuilder Sample(bool bigEndian, PcapMagic magic, uint snapLength = 262_144, uint linkType = 1)
    {
        bool nano = magic == PcapMagic.Nanoseconds;
        return CaptureBuilder.Pcap(bigEndian, magic, snapLength, linkType)
            .Record(1_700_000_000, nano ? 123_456_789u : 123_456u, TcpPacket(1))
            .Record(1_700_000_001, nano ? 999_999_999u : 999_999u, TcpPacket(2, 1460), originalLength: 1514)
            .Record(1_700_000_002, 0, TcpPacket(3, 0))
            .Record(1_700_000_002, 1, TcpPacket(4, 3))   // data not a multiple of 4: pcap has no padding
            .Record(0, 0, [])                           // an empty record is still a frame
            .Record(uint.MaxValue, nano ? 999_999_999u : 999_999u, TcpPacket(5, 1));
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Every_magic_and_byte_order_round_trips_exactly(bool bigEndian, PcapMagic magic)
    {
        PcapBuilder built = Sample(bigEndian, magic);
        CaptureReader reader = ReaderAssert.RoundTrips(built, name: "sample.pcap");
        Assert.Equal(CaptureContainer.Pcap, reader.Format.Container);
        Assert.Equal(CaptureCompression.None, reader.Format.Compression);
        Assert.Equal(bigEndian, reader.Format.BigEndian);
        Assert.Equal(magic == PcapMagic.Nanoseconds, reader.Format.Nanosecond);
        InterfaceInfo only = Assert.Single(reader.Interfaces);
        Assert.Equal(magic == PcapMagic.Nanoseconds ? 1_000_000_000 : 1_000_000, only.TicksPerSecond);
        Assert.Equal(262_144, only.SnapLength);
        Assert.Equal(LinkType.Ethernet, only.LinkType);
        Assert.Equal(6, only.Frames);
        Assert.Equal(6, reader.FramesRead);
        Assert.Equal(built.ToArray().Length, reader.Position);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Timestamps_are_exact_to_the_nanosecond(bool bigEndian, PcapMagic magic)
    {
        var (frames, _) = ReadAll.From(Sample(bigEndian, magic).ToArray());
        bool nano = magic == PcapMagic.Nanoseconds;
        Assert.Equal(new Timestamp(1_700_000_000, nano ? 123_456_789 : 123_456_000), frames[0].Time);
        Assert.Equal(new Timestamp(1_700_000_001, 999_999_999 - (nano ? 0 : 999)), frames[1].Time);
        Assert.Equal(new Timestamp(1_700_000_002, nano ? 1 : 1000), frames[3].Time);
        // The seconds field is unsigned: 0xFFFFFFFF is in 2106, not -1.
        Assert.Equal(4_294_967_295L, frames[5].Time.Seconds);
        Assert.Equal(nano ? "1700000000.123456789" : "1700000000.123456000", frames[0].Time.ToString());
    }

    [Fact]
    public void Frame_numbers_offsets_and_lengths_count_every_record()
    {
        var (frames, _) = ReadAll.From(Sample(false, PcapMagic.Microseconds).ToArray());
        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L], frames.Select(f => f.Number));
        int[] dataLengths = [64, 1514, 54, 57, 0, 55];
        long offset = 24;
        for (int i = 0; i < frames.Count; i++)
        {
            Assert.Equal(offset, frames[i].Offset);
            Assert.Equal(dataLengths[i], frames[i].Data.Length);
            offset += 16 + dataLengths[i];
        }
        Assert.Equal(1514, frames[1].OriginalLength);
        Assert.Equal(64, frames[0].OriginalLength);
    }

    [Fact]
    public void Modified_format_skips_the_8_extra_header_bytes()
    {
        var (frames, _) = ReadAll.From(Sample(false, PcapMagic.Modified).ToArray());
        Assert.Equal(24 + 24 + 64, frames[1].Offset);
        Assert.Equal(TcpPacket(2, 1460), frames[1].Data);
        Assert.Equal(DecodeOutcome.Tcp, PacketDecoder.Decode(frames[1].LinkType, frames[1].Data, out TcpSegment s));
        Assert.Equal(2, s.SourcePort);
    }

    [Theory]
    [InlineData(0u)]          // libpcap writes 0 for "unknown"
    [InlineData(16u)]         // records longer than the snap length (tcpdump -s 16 then edited) are still read
    [InlineData(65_535u)]
    [InlineData(262_144u)]
    [InlineData(0xFFFFFFFFu)]
    public void Any_snap_length_is_accepted_and_does_not_cut_records(uint snapLength)
    {
        PcapBuilder built = Sample(false, PcapMagic.Microseconds, snapLength);
        CaptureReader reader = ReaderAssert.RoundTrips(built);
        Assert.Equal(snapLength > int.MaxValue ? int.MaxValue : (int)snapLength, reader.Interfaces[0].SnapLength);
    }

    [Theory]
    [InlineData(0u, LinkType.Null)]
    [InlineData(1u, LinkType.Ethernet)]
    [InlineData(101u, LinkType.Raw)]
    [InlineData(113u, LinkType.LinuxSll)]
    [InlineData(228u, LinkType.Ipv4)]
    [InlineData(276u, LinkType.LinuxSll2)]
    [InlineData(147u, (LinkType)147)]               // a user DLT: kept as a number
    [InlineData(0x4400_0001u, LinkType.Ethernet)]   // FCS-length bits (F bit + 4 bytes) are not part of the link type
    public void Link_type_is_taken_from_the_header(uint field, LinkType expected)
    {
        byte[] data = expected == LinkType.Raw ? Ipv4Tcp(9) : TcpPacket(9);
        var built = CaptureBuilder.Pcap(linkType: field).Record(1, 2, data);
        var (frames, reader) = ReadAll.From(built.ToArray());
        Assert.Equal(expected, reader.Interfaces[0].LinkType);
        Assert.Equal(expected, Assert.Single(frames).LinkType);
    }

    [Fact]
    public void Raw_ip_frames_decode_through_the_reader()
    {
        var built = CaptureBuilder.Pcap(linkType: 101).Record(5, 6, Ipv4Tcp(4242, 7));
        using var reader = CaptureReader.Open(new MemoryStream(built.ToArray()), "raw.pcap");
        Assert.True(reader.TryRead(out CaptureFrame frame));
        Assert.Equal(DecodeOutcome.Tcp, PacketDecoder.Decode(frame, out TcpSegment s));
        Assert.Equal(4242, s.SourcePort);
        Assert.Equal(7, s.PayloadLength);
        Assert.False(reader.TryRead(out _));
        Assert.Null(reader.Error);
    }

    [Fact]
    public void Out_of_range_microseconds_are_kept_as_wireshark_shows_them()
    {
        var (frames, _) = ReadAll.From(CaptureBuilder.Pcap().Record(10, 1_000_000, TcpPacket(1)).ToArray());
        Assert.Equal(new Timestamp(10, 1_000_000_000), frames[0].Time);
        Assert.Equal("11.000000000", frames[0].Time.ToString());
    }

    [Fact]
    public void Header_only_pcap_has_no_frames_and_no_error()
    {
        var (frames, reader) = ReadAll.From(CaptureBuilder.Pcap().ToArray());
        Assert.Empty(frames);
        Assert.Null(reader.Error);
        Assert.Equal(0, reader.Interfaces[0].Frames);
    }

    [Fact]
    public void Version_1_and_reserved_link_type_bits_are_refused_at_open()
    {
        var v1 = Assert.Throws<CaptureFormatException>(() => ReadAll.From(CaptureBuilder.Pcap(major: 1).ToArray(), "v1.pcap"));
        Assert.Contains("v1.pcap", v1.Message, StringComparison.Ordinal);
        Assert.Contains("version", v1.Message, StringComparison.Ordinal);
        var reserved = Assert.Throws<CaptureFormatException>(() => ReadAll.From(CaptureBuilder.Pcap(linkType: 0x0030_0001).ToArray(), "r.pcap"));
        Assert.Contains("reserved", reserved.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_longer_than_wiresharks_maximum_is_corrupt()
    {
        byte[] file = CaptureBuilder.Pcap().Record(1, 0, TcpPacket(1)).Record(2, 0, new byte[262_145]).ToArray();
        var (frames, reader) = ReadAll.From(file, "big.pcap");
        Assert.Single(frames);
        Assert.Equal(CaptureErrorKind.Corrupt, reader.Error!.Kind);
        Assert.Equal(2, reader.Error.FrameNumber);
        Assert.Equal(24 + 16 + 64, reader.Error.ByteOffset);
    }

    [Fact]
    public void A_record_of_exactly_the_maximum_is_read()
    {
        var built = CaptureBuilder.Pcap().Record(1, 0, new byte[262_144]).Record(2, 0, TcpPacket(2));
        ReaderAssert.RoundTrips(built);
    }

    [Theory]
    [InlineData("pcap")]
    [InlineData("pcapng")]
    [InlineData("pcap.gz")]
    public void A_capture_inside_a_larger_stream_is_read_from_the_stream_position(string kind)
    {
        BuiltCapture built = kind == "pcapng"
            ? CaptureBuilder.PcapNg().Section().Interface(LinkType.Ethernet).Enhanced(0, 1, TcpPacket(1)).Enhanced(0, 2, TcpPacket(2))
            : Sample(false, PcapMagic.Microseconds);
        byte[] capture = kind == "pcap.gz" ? Gzip(built.ToArray()) : built.ToArray();
        byte[] junk = "container header: 37 bytes of prelude"u8.ToArray();
        var stream = new MemoryStream([.. junk, .. capture]) { Position = junk.Length };
        using var reader = CaptureReader.Open(stream, "embedded");
        var frames = new List<ReadFrame>();
        while (reader.TryRead(out CaptureFrame f))
        {
            frames.Add(new ReadFrame(f.Number, f.Time, f.HasTime, f.LinkType, f.InterfaceIndex, f.OriginalLength, f.FileOffset, f.Data.ToArray()));
        }
        Assert.Null(reader.Error);
        // Offsets count from the start of the capture, not of the stream.
        ReaderAssert.Matches(built.Frames, frames);
    }

    [Fact]
    public void A_non_seekable_stream_reads_the_same()
    {
        PcapBuilder built = Sample(true, PcapMagic.Nanoseconds);
        using var reader = CaptureReader.Open(new OneByteAtATimeStream(built.ToArray()), "pipe");
        var frames = new List<ReadFrame>();
        while (reader.TryRead(out CaptureFrame f))
        {
            frames.Add(new ReadFrame(f.Number, f.Time, f.HasTime, f.LinkType, f.InterfaceIndex, f.OriginalLength, f.FileOffset, f.Data.ToArray()));
        }
        Assert.Null(reader.Error);
        ReaderAssert.Matches(built.Frames, frames);
    }
}

/// <summary>A forward-only stream that returns at most one byte per read, like a slow pipe.</summary>
internal sealed class OneByteAtATimeStream(byte[] data) : Stream
{
    private int _pos;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_pos >= data.Length || buffer.IsEmpty)
        {
            return 0;
        }
        buffer[0] = data[_pos++];
        return 1;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
