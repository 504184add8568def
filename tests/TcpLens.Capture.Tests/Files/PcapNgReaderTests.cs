using System.Buffers.Binary;
using TcpLens.Capture.Decoding;
using TcpLens.Capture.Tests.Support;
using static TcpLens.Capture.Tests.Support.CaptureBuilder;

namespace TcpLens.Capture.Tests.Files;

public class PcapNgReaderTests
{
    private static readonly NgOption[] PaddedOptions =
    [
        NgOption.Comment("a"),           // 1 byte + 3 padding
        NgOption.Comment("ab"),          // 2 + 2
        NgOption.Comment("abc"),         // 3 + 1
        NgOption.Comment("abcd"),        // no padding
        NgOption.Comment("abcde"),       // 5 + 3
        new(2, [0, 0, 0, 1]),            // epb_flags
        new(0x8123, [9, 9, 9]),          // local option, unknown to everyone
    ];

    /// <summary>Every block type, three sections (LE, BE, LE), seven interfaces with different link types and clocks.</summary>
    private static PcapNgBuilder Everything() => CaptureBuilder.PcapNg()
        .Section(options: [NgOption.Comment("first section"), new NgOption(2, "x86_64"u8.ToArray())])
        .Interface(LinkType.Ethernet, snapLength: 262_144, name: "eth0")                    // global 0: µs
        .Interface(LinkType.Raw, tsresol: 9, name: "tun0")                                  // global 1: ns
        .Interface(LinkType.LinuxSll, tsresol: 0x88, options: [NgOption.Comment("2^-8")])  // global 2: 1/256 s
        .Enhanced(0, 1_700_000_000_123_456, TcpPacket(1), options: PaddedOptions)
        .Enhanced(1, 1_700_000_000_123_456_789, Ipv4Tcp(2, 1))
        .NameResolution([([10, 0, 0, 1], "client.example"), ([.. new byte[15], 1], "ip6-localhost")])
        .Enhanced(2, (1_700_000_001UL << 8) | 0x40, SllIpv4Tcp(3, 2))
        .InterfaceStatistics(0, 1_700_000_002_000_000, received: 10, dropped: 1)
        .DecryptionSecrets("CLIENT_RANDOM 00 11\n"u8.ToArray())
        .Custom(copyable: true, [1, 2, 3])
        .Custom(copyable: false, [4, 5, 6, 7, 8])
        .Block(0x0000_1234, [1, 2, 3, 4, 5, 6, 7, 8])        // unknown standard type
        .Block(0x8000_0001, [])                               // local-use type, empty body
        .Simple(TcpPacket(4, 5))
        .Obsolete(1, 1_700_000_003_000_000_001, Ipv4Tcp(5, 3), originalLength: 100, drops: 7)
        .Section(bigEndian: true, minor: 2, sectionLength: 4096)
        .Interface(LinkType.Ethernet, tsresol: 3, tsoffset: 1_600_000_000)                 // global 3: ms + offset
        .Interface(LinkType.Ipv4, tsresol: 0x94)                                            // global 4: 2^-20
        .Enhanced(1, (12UL << 20) | 1, Ipv4Tcp(6))
        .Enhanced(0, 5_001, TcpPacket(7, 0), originalLength: 60_000)
        .Simple(TcpPacket(8))
        .InterfaceStatistics(1, 1, 0, 0)
        .Obsolete(0, 7, TcpPacket(9))
        .Section(endOfOptions: false, options: [NgOption.Comment("no end-of-options")])
        .Interface(LinkType.Ethernet, snapLength: 60)                                       // global 5
        .Interface(LinkType.LinuxSll2)                                                      // global 6
        .Simple(TcpPacket(10, 1460))
        .Enhanced(0, 1, TcpPacket(11, 0));

    [Fact]
    public void Every_block_type_round_trips_exactly()
    {
        PcapNgBuilder built = Everything();
        Assert.Equal(11, built.Frames.Count);
        CaptureReader reader = ReaderAssert.RoundTrips(built, name: "everything.pcapng");
        Assert.Equal(CaptureContainer.PcapNg, reader.Format.Container);
        Assert.Equal(11, reader.FramesRead);
        Assert.Equal(built.ToArray().Length, reader.Position);
    }

    [Fact]
    public void Interfaces_are_numbered_across_sections_and_count_their_frames()
    {
        var (frames, reader) = ReadAll.From(Everything().ToArray());
        Assert.Equal([0, 1, 2, 0, 1, 4, 3, 3, 3, 5, 5], frames.Select(f => f.Interface));
        Assert.Equal(7, reader.Interfaces.Count);
        Assert.Equal([0, 0, 0, 1, 1, 2, 2], reader.Interfaces.Select(i => i.Section));
        Assert.Equal([0, 1, 2, 3, 4, 5, 6], reader.Interfaces.Select(i => i.Index));
        Assert.Equal(
            [LinkType.Ethernet, LinkType.Raw, LinkType.LinuxSll, LinkType.Ethernet, LinkType.Ipv4, LinkType.Ethernet, LinkType.LinuxSll2],
            reader.Interfaces.Select(i => i.LinkType));
        Assert.Equal([2L, 2L, 1L, 3L, 1L, 2L, 0L], reader.Interfaces.Select(i => i.Frames));
        Assert.Equal([1_000_000L, 1_000_000_000L, 256L, 1000L, 1L << 20, 1_000_000L, 1_000_000L], reader.Interfaces.Select(i => i.TicksPerSecond));
        Assert.Equal([0L, 0L, 0L, 1_600_000_000L, 0L, 0L, 0L], reader.Interfaces.Select(i => i.OffsetSeconds));
        Assert.Equal("eth0", reader.Interfaces[0].Name);
        Assert.Equal("tun0", reader.Interfaces[1].Name);
        Assert.Null(reader.Interfaces[2].Name);
        Assert.Equal(262_144, reader.Interfaces[0].SnapLength);
        Assert.Equal(60, reader.Interfaces[5].SnapLength);
    }

    [Fact]
    public void Frame_fields_of_every_packet_block_kind()
    {
        var (f, _) = ReadAll.From(Everything().ToArray());
        Assert.Equal(Enumerable.Range(1, 11).Select(i => (long)i), f.Select(x => x.Number));
        // EPB, µs
        Assert.Equal(new Timestamp(1_700_000_000, 123_456_000), f[0].Time);
        // EPB, ns
        Assert.Equal(new Timestamp(1_700_000_000, 123_456_789), f[1].Time);
        Assert.Equal(LinkType.Raw, f[1].LinkType);
        // EPB, 2^-8 s: 0x40/256 = 0.25 s
        Assert.Equal(new Timestamp(1_700_000_001, 250_000_000), f[2].Time);
        Assert.Equal(LinkType.LinuxSll, f[2].LinkType);
        // SPB: no time, first interface of the section, whole packet (snap length 262144)
        Assert.False(f[3].HasTime);
        Assert.Equal(default, f[3].Time);
        Assert.Equal(0, f[3].Interface);
        Assert.Equal(TcpPacket(4, 5), f[3].Data);
        // OPB: 16-bit interface id, original length kept apart from the captured bytes
        Assert.Equal(new Timestamp(1_700_000_003, 1), f[4].Time);       // interface 1 counts nanoseconds
        Assert.Equal(100, f[4].OriginalLength);
        Assert.Equal(43, f[4].Data.Length);
        // big-endian section, 2^-20 s: 12 s + 1 tick (953.67 ns, truncated)
        Assert.Equal(new Timestamp(12, 953), f[5].Time);
        Assert.Equal(LinkType.Ipv4, f[5].LinkType);
        // big-endian section, ms ticks + if_tsoffset
        Assert.Equal(new Timestamp(1_600_000_005, 1_000_000), f[6].Time);
        Assert.Equal(60_000, f[6].OriginalLength);
        Assert.Equal(54, f[6].Data.Length);
        // SPB in the second section uses that section's first interface
        Assert.Equal(3, f[7].Interface);
        Assert.False(f[7].HasTime);
        // OPB in the big-endian section
        Assert.Equal(new Timestamp(1_600_000_000, 7_000_000), f[8].Time);
        // SPB cut to the 60-byte snap length; the original length is the packet's
        Assert.Equal(60, f[9].Data.Length);
        Assert.Equal(1514, f[9].OriginalLength);
        Assert.Equal(TcpPacket(10, 1460)[..60], f[9].Data);
        Assert.Equal(new Timestamp(0, 1000), f[10].Time);
    }

    [Fact]
    public void Every_packet_decodes_through_the_reader()
    {
        using var reader = CaptureReader.Open(new MemoryStream(Everything().ToArray()), "everything.pcapng");
        var ports = new List<int>();
        while (reader.TryRead(out CaptureFrame frame))
        {
            DecodeOutcome outcome = PacketDecoder.Decode(frame, out TcpSegment s);
            Assert.True(DecodeOutcomeNames.IsTcp(outcome), $"frame {frame.Number}: {outcome}");
            ports.Add(s.SourcePort);
        }
        Assert.Null(reader.Error);
        Assert.Equal(Enumerable.Range(1, 11), ports);
    }

    public static TheoryData<byte, ulong, long, int> Resolutions() => new()
    {
        { 0x06, 1_700_000_000_999_999, 1_700_000_000, 999_999_000 },              // the default, µs, written out
        { 0x09, 1_700_000_000_123_456_789, 1_700_000_000, 123_456_789 },          // 10^-9
        { 0x03, 5_001, 5, 1_000_000 },                                             // 10^-3
        { 0x00, 42, 42, 0 },                                                       // 10^0
        { 0x0A, 12_345_678_901, 1, 234_567_890 },                                  // 10^-10: 0.1 ns ticks, truncated
        { 0x13, ulong.MaxValue, 1, 844_674_407 },                                  // 10^-19: the largest power of 10 that fits
        { 0x88, (10UL << 8) | 64, 10, 250_000_000 },                               // 2^-8: 64/256 s
        { 0x88, (10UL << 8) | 1, 10, 3_906_250 },                                  // 2^-8: exactly 3.90625 ms
        { 0x80, 42, 42, 0 },                                                       // 2^0
        { 0x8A, (3UL << 10) | 1, 3, 976_562 },                                     // 2^-10: 976 562.5 ns, truncated
        { 0xA0, (5UL << 32) | 0x8000_0000, 5, 500_000_000 },                       // 2^-32
        { 0xA0, (5UL << 32) | 1, 5, 0 },                                           // 2^-32: 0.23 ns, truncated
        { 0xBF, ulong.MaxValue, 1, 999_999_999 },                                  // 2^-63: the largest that fits
    };

    [Theory]
    [MemberData(nameof(Resolutions))]
    public void If_tsresol_powers_of_ten_and_of_two(byte tsresol, ulong ticks, long seconds, int nanos)
    {
        foreach (bool bigEndian in new[] { false, true })
        {
            PcapNgBuilder built = CaptureBuilder.PcapNg().Section(bigEndian).Interface(LinkType.Ethernet, tsresol: tsresol)
                .Enhanced(0, ticks, TcpPacket(1)).Obsolete(0, ticks, TcpPacket(2));
            var (frames, reader) = ReadAll.From(built.ToArray());
            Assert.Null(reader.Error);
            Assert.Equal(new Timestamp(seconds, nanos), frames[0].Time);
            Assert.Equal(new Timestamp(seconds, nanos), frames[1].Time);
            Assert.Equal(built.Frames[0].Time, frames[0].Time);
        }
    }

    [Theory]
    [InlineData((byte)0x14)]   // 10^-20 does not fit in 64 bits
    [InlineData((byte)0xC0)]   // 2^-64 neither
    public void If_tsresol_too_fine_for_64_bits_is_unsupported(byte tsresol)
    {
        byte[] file = CaptureBuilder.PcapNg().Section().Interface(LinkType.Ethernet, tsresol: tsresol).Enhanced(0, 1, TcpPacket(1)).ToArray();
        var (frames, reader) = ReadAll.From(file, "fine.pcapng");
        Assert.Empty(frames);
        Assert.Equal(CaptureErrorKind.Unsupported, reader.Error!.Kind);
        Assert.Equal(1, reader.Error.FrameNumber);
        Assert.Contains("if_tsresol", reader.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1_000_000_000L, 2_500_000UL, 1_000_000_002L, 500_000_000)]
    [InlineData(-10L, 2_500_000UL, -8L, 500_000_000)]     // negative offsets are allowed (seconds before the epoch)
    [InlineData(0L, 2_500_000UL, 2L, 500_000_000)]
    public void If_tsoffset_adds_whole_seconds(long tsoffset, ulong ticks, long seconds, int nanos)
    {
        foreach (bool bigEndian in new[] { false, true })
        {
            byte[] file = CaptureBuilder.PcapNg().Section(bigEndian).Interface(LinkType.Ethernet, tsoffset: tsoffset)
                .Enhanced(0, ticks, TcpPacket(1)).ToArray();
            var (frames, reader) = ReadAll.From(file);
            Assert.Equal(new Timestamp(seconds, nanos), frames[0].Time);
            Assert.Equal(tsoffset, reader.Interfaces[0].OffsetSeconds);
        }
    }

    [Fact]
    public void If_tsoffset_and_tsresol_combine()
    {
        byte[] file = CaptureBuilder.PcapNg().Section(bigEndian: true)
            .Interface(LinkType.Ethernet, tsresol: 0x88, tsoffset: 1_700_000_000).Enhanced(0, (3UL << 8) | 128, TcpPacket(1)).ToArray();
        Assert.Equal(new Timestamp(1_700_000_003, 500_000_000), ReadAll.From(file).Frames[0].Time);
    }

    public static TheoryData<uint, string> SkippedBlocks() => new()
    {
        { NameResolutionType, "nrb" },
        { InterfaceStatisticsType, "isb" },
        { DecryptionSecretsType, "dsb" },
        { CustomCopyType, "custom" },
        { CustomNoCopyType, "custom-nocopy" },
        { 0x1234_5678u, "unknown" },
        { 0x8000_0000u, "local" },
    };

    [Theory]
    [MemberData(nameof(SkippedBlocks))]
    public void Non_packet_blocks_are_skipped_without_counting_frames(uint type, string what)
    {
        PcapNgBuilder built = CaptureBuilder.PcapNg().Section().Interface(LinkType.Ethernet).Enhanced(0, 1, TcpPacket(1));
        _ = type switch
        {
            NameResolutionType => built.NameResolution([([192, 0, 2, 1], "a.example")], [NgOption.Comment("n")]),
            InterfaceStatisticsType => built.InterfaceStatistics(0, 5, 1, 0),
            DecryptionSecretsType => built.DecryptionSecrets("CLIENT_RANDOM x y"u8.ToArray()),
            CustomCopyType => built.Custom(true, [1, 2, 3, 4, 5]),
            CustomNoCopyType => built.Custom(false, []),
            _ => built.Block(type, new byte[20]),
        };
        built.Block(type, new byte[4]).Enhanced(0, 2, TcpPacket(2));
        Assert.Equal(2, built.Frames.Count);
        CaptureReader reader = ReaderAssert.RoundTrips(built, name: what);
        Assert.Equal(2, reader.Interfaces[0].Frames);
        Assert.Equal(2, reader.FramesRead);
    }

    [Fact]
    public void Blocks_before_the_first_interface_are_skipped()
    {
        PcapNgBuilder built = CaptureBuilder.PcapNg().Section().Custom(true, [1]).NameResolution([]).DecryptionSecrets([1, 2])
            .Interface(LinkType.Ethernet).Enhanced(0, 1, TcpPacket(1));
        ReaderAssert.RoundTrips(built);
    }

    [Fact]
    public void Options_padding_and_missing_end_of_options_are_walked()
    {
        PcapNgBuilder built = CaptureBuilder.PcapNg()
            .Section(endOfOptions: false, options: PaddedOptions)
            .Interface(LinkType.Raw, tsresol: 9, options: PaddedOptions)
            .Enhanced(0, 7, Ipv4Tcp(1, 0), options: PaddedOptions)
            .Enhanced(0, 8, Ipv4Tcp(2, 1), options: [])                // only the end-of-options marker
            .Enhanced(0, 9, Ipv4Tcp(3, 2));                             // no options at all
        CaptureReader reader = ReaderAssert.RoundTrips(built);
        // if_tsresol came after padded options and still applied.
        Assert.Equal(1_000_000_000, reader.Interfaces[0].TicksPerSecond);
    }

    [Fact]
    public void Packet_data_of_every_length_modulo_4_is_unpadded()
    {
        PcapNgBuilder built = CaptureBuilder.PcapNg().Section().Interface(LinkType.Ethernet);
        for (int n = 0; n < 9; n++)
        {
            built.Enhanced(0, (ulong)n, TcpPacket((ushort)n, n));
            built.Obsolete(0, (ulong)n, TcpPacket((ushort)n, n));
        }
        built.Enhanced(0, 99, []);
        ReaderAssert.RoundTrips(built);
    }

    [Fact]
    public void Big_endian_file_reads_like_its_little_endian_twin()
    {
        static PcapNgBuilder Build(bool be) => CaptureBuilder.PcapNg().Section(be)
            .Interface(LinkType.Ethernet, tsresol: 9).Interface(LinkType.Raw)
            .Enhanced(1, 1_000_000, Ipv4Tcp(1)).Enhanced(0, 1_234_567_891, TcpPacket(2)).Simple(TcpPacket(3)).Obsolete(1, 3, Ipv4Tcp(4));
        var (le, _) = ReadAll.From(Build(false).ToArray());
        var (be, reader) = ReadAll.From(Build(true).ToArray());
        Assert.Null(reader.Error);
        Assert.Equal(4, be.Count);
        Assert.Equal(le.Select(f => (f.Number, f.Time, f.Interface, f.LinkType, f.OriginalLength, f.Offset)),
            be.Select(f => (f.Number, f.Time, f.Interface, f.LinkType, f.OriginalLength, f.Offset)));
        Assert.Equal(le.Select(f => f.Data), be.Select(f => f.Data));
        Assert.Equal(new Timestamp(1, 234_567_891), be[1].Time);
    }

    [Fact]
    public void Simple_packet_block_takes_the_snap_length_of_the_first_interface()
    {
        PcapNgBuilder built = CaptureBuilder.PcapNg().Section()
            .Interface(LinkType.Ethernet, snapLength: 96).Interface(LinkType.Raw, snapLength: 0)
            .Simple(TcpPacket(1, 1000)).Simple(TcpPacket(2, 10))
            .Section(bigEndian: true).Interface(LinkType.Ethernet, snapLength: 0)
            .Simple(TcpPacket(3, 1000));
        var (frames, reader) = ReadAll.From(built.ToArray());
        Assert.Null(reader.Error);
        ReaderAssert.Matches(built.Frames, frames);
        Assert.Equal([96, 64, 1054], frames.Select(f => f.Data.Length));
        Assert.Equal([1054, 64, 1054], frames.Select(f => f.OriginalLength));
        Assert.Equal([0, 0, 2], frames.Select(f => f.Interface));
        Assert.All(frames, f => Assert.False(f.HasTime));
    }

    [Fact]
    public void Simple_packet_block_too_small_for_its_packet_is_corrupt_as_in_wireshark()
    {
        // Original length 1514 with no snap length: the block must hold 1514 bytes but holds 64.
        byte[] body = new ByteWriter(false).U32(1514).Padded(TcpPacket(1)).ToArray();
        byte[] file = CaptureBuilder.PcapNg().Section().Interface(LinkType.Ethernet).Enhanced(0, 1, TcpPacket(9))
            .Block(SimplePacketType, body).ToArray();
        var (frames, reader) = ReadAll.From(file, "spb.pcapng");
        Assert.Single(frames);
        Assert.Equal(CaptureErrorKind.Corrupt, reader.Error!.Kind);
        Assert.Equal(2, reader.Error.FrameNumber);
        Assert.Equal(file.Length - 12 - body.Length, reader.Error.ByteOffset);
    }

    [Fact]
    public void Packet_for_an_undeclared_interface_is_corrupt()
    {
        PcapNgBuilder built = CaptureBuilder.PcapNg().Section().Interface(LinkType.Ethernet).Interface(LinkType.Raw)
            .Enhanced(1, 1, Ipv4Tcp(1))
            .Section().Interface(LinkType.Ethernet).Enhanced(0, 2, TcpPacket(2));
        long badOffset = built.ToArray().Length;
        // Interface 1 existed in the first section, not in this one.
        byte[] file = [.. built.ToArray(), .. Epb(false, 1, TcpPacket(3))];
        var (frames, reader) = ReadAll.From(file, "iface.pcapng");
        Assert.Equal(2, frames.Count);
        Assert.Equal(CaptureErrorKind.Corrupt, reader.Error!.Kind);
        Assert.Equal(3, reader.Error.FrameNumber);
        Assert.Equal(badOffset, reader.Error.ByteOffset);
        Assert.Contains("interface 1", reader.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Packets_before_any_interface_are_corrupt()
    {
        byte[] epb = [.. CaptureBuilder.PcapNg().Section().ToArray(), .. Epb(false, 0, TcpPacket(1))];
        Assert.Equal(CaptureErrorKind.Corrupt, ReadAll.From(epb).Reader.Error!.Kind);
        byte[] spb = CaptureBuilder.PcapNg().Section().Block(SimplePacketType, new ByteWriter(false).U32(4).U32(0).ToArray()).ToArray();
        var (frames, reader) = ReadAll.From(spb);
        Assert.Empty(frames);
        Assert.Equal(CaptureErrorKind.Corrupt, reader.Error!.Kind);
        Assert.Contains("interface", reader.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Captured_length_beyond_the_block_is_corrupt()
    {
        byte[] good = CaptureBuilder.PcapNg().Section().Interface(LinkType.Ethernet).Enhanced(0, 1, TcpPacket(1)).ToArray();
        byte[] bad = Epb(false, 0, TcpPacket(2));
        BinaryPrimitives.WriteUInt32LittleEndian(bad.AsSpan(20), 200);   // captured length 200 in a block holding 64
        var (frames, reader) = ReadAll.From([.. good, .. bad], "caplen.pcapng");
        Assert.Single(frames);
        Assert.Equal(CaptureErrorKind.Corrupt, reader.Error!.Kind);
        Assert.Equal(2, reader.Error.FrameNumber);
        Assert.Equal(good.Length, reader.Error.ByteOffset);
    }

    [Fact]
    public void Captured_length_beyond_wiresharks_maximum_is_corrupt()
    {
        PcapNgBuilder built = CaptureBuilder.PcapNg().Section().Interface(LinkType.Ethernet)
            .Enhanced(0, 1, new byte[262_144]).Enhanced(0, 2, new byte[262_145]);
        var (frames, reader) = ReadAll.From(built.ToArray(), "huge-packet.pcapng");
        Assert.Single(frames);
        Assert.Equal(CaptureErrorKind.Corrupt, reader.Error!.Kind);
        Assert.Equal(built.Blocks[^1].Offset, reader.Error.ByteOffset);
    }

    [Theory]
    [InlineData(0u, "length 0")]
    [InlineData(8u, "length 8")]
    [InlineData(86u, "not a multiple of 4")]
    public void Impossible_block_lengths_are_corrupt(uint length, string what)
    {
        byte[] good = CaptureBuilder.PcapNg().Section().Interface(LinkType.Ethernet).Enhanced(0, 1, TcpPacket(1)).ToArray();
        byte[] bad = Epb(false, 0, TcpPacket(2));
        BinaryPrimitives.WriteUInt32LittleEndian(bad.AsSpan(4), length);
        var (frames, reader) = ReadAll.From([.. good, .. bad], what);
        Assert.Single(frames);
        Assert.Equal(CaptureErrorKind.Corrupt, reader.Error!.Kind);
        Assert.Equal(good.Length, reader.Error.ByteOffset);
    }

    [Fact]
    public void Trailing_length_that_disagrees_is_corrupt()
    {
        PcapNgBuilder built = CaptureBuilder.PcapNg().Section().Interface(LinkType.Ethernet).Enhanced(0, 1, TcpPacket(1))
            .Block(EnhancedPacketType, new byte[20], trailingLength: 36);
        var (frames, reader) = ReadAll.From(built.ToArray());
        Assert.Single(frames);
        Assert.Equal(CaptureErrorKind.Corrupt, reader.Error!.Kind);
        Assert.Contains("trailing length", reader.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Section_versions_1_0_and_1_2_are_read_others_refused()
    {
        ReaderAssert.RoundTrips(CaptureBuilder.PcapNg().Section(minor: 2).Interface(LinkType.Ethernet).Enhanced(0, 1, TcpPacket(1)));
        var e = Assert.Throws<CaptureFormatException>(() => ReadAll.From(CaptureBuilder.PcapNg().Section(major: 2).ToArray(), "v2.pcapng"));
        Assert.Contains("v2.pcapng", e.Message, StringComparison.Ordinal);
        Assert.Contains("version 2.0", e.Message, StringComparison.Ordinal);
        // A later section with an unknown version stops reading there.
        PcapNgBuilder later = CaptureBuilder.PcapNg().Section().Interface(LinkType.Ethernet).Enhanced(0, 1, TcpPacket(1)).Section(major: 1, minor: 1);
        var (frames, reader) = ReadAll.From(later.ToArray());
        Assert.Single(frames);
        Assert.Equal(CaptureErrorKind.Unsupported, reader.Error!.Kind);
        Assert.Equal(later.Blocks[^1].Offset, reader.Error.ByteOffset);
    }

    [Fact]
    public void Overlong_option_in_the_first_section_header_is_refused()
    {
        // An SHB whose only option claims 0x30FF bytes in a 36-byte block.
        byte[] shb = new ByteWriter(false).U32(SectionHeaderType).U32(36).U32(0x1A2B3C4D).U16(1).U16(0).U64(ulong.MaxValue)
            .U16(1).U16(0x30FF).U32(0).U32(36).ToArray();
        var e = Assert.Throws<CaptureFormatException>(() => ReadAll.From(shb, "opt.pcapng"));
        Assert.Contains("opt.pcapng", e.Message, StringComparison.Ordinal);
        Assert.Contains("option", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Section_header_only_file_has_no_frames_and_no_error()
    {
        var (frames, reader) = ReadAll.From(CaptureBuilder.PcapNg().Section().ToArray());
        Assert.Empty(frames);
        Assert.Null(reader.Error);
        Assert.Empty(reader.Interfaces);
    }

    [Fact]
    public void Later_section_with_a_bad_byte_order_magic_is_corrupt()
    {
        PcapNgBuilder built = CaptureBuilder.PcapNg().Section().Interface(LinkType.Ethernet).Enhanced(0, 1, TcpPacket(1)).Section();
        byte[] file = built.ToArray();
        long shb = built.Blocks[^1].Offset;
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan((int)shb + 8), 0x12345678);
        var (frames, reader) = ReadAll.From(file);
        Assert.Single(frames);
        Assert.Equal(CaptureErrorKind.Corrupt, reader.Error!.Kind);
        Assert.Equal(shb, reader.Error.ByteOffset);
    }

    /// <summary>An enhanced packet block written by hand (for damage the builder must not describe as a frame).</summary>
    private static byte[] Epb(bool bigEndian, uint iface, byte[] data)
    {
        var body = new ByteWriter(bigEndian).U32(iface).U32(0).U32(1).U32((uint)data.Length).U32((uint)data.Length).Padded(data).ToArray();
        return new ByteWriter(bigEndian).U32(EnhancedPacketType).U32((uint)(12 + body.Length)).Bytes(body).U32((uint)(12 + body.Length)).ToArray();
    }
}
