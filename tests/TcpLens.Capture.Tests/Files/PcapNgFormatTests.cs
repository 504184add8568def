using TcpLens.Capture.Tests.Support;
using static TcpLens.Capture.Tests.Support.SyntheticCaptures;

namespace TcpLens.Capture.Tests.Files;

public class PcapNgFormatTests
{
    [Fact]
    public void Sections_with_their_own_byte_order_and_interfaces()
    {
        byte[] file = new PcapNg()
            .Section(bigEndian: false)
            .Interface(1, name: "eth0")
            .Interface(101, tsresol: 9)
            .Enhanced(0, 1_700_000_000_123_456, TcpFrame(1))
            .Enhanced(1, 1_700_000_000_123_456_789, TcpFrame(2)[14..])
            .Section(bigEndian: true)
            .Interface(113)
            .Enhanced(0, 1_700_000_001_000_001, TcpFrame(3))
            .ToArray();
        var (frames, reader) = ReadAll.From(file, "sections.pcapng");
        Assert.Null(reader.Error);
        Assert.Equal(CaptureContainer.PcapNg, reader.Format.Container);
        Assert.Equal([1L, 2L, 3L], frames.Select(f => f.Number));
        Assert.Equal([0, 1, 2], frames.Select(f => f.Interface));
        Assert.Equal([LinkType.Ethernet, LinkType.Raw, LinkType.LinuxSll], frames.Select(f => f.LinkType));
        Assert.Equal(new Timestamp(1_700_000_000, 123_456_000), frames[0].Time);
        Assert.Equal(new Timestamp(1_700_000_000, 123_456_789), frames[1].Time);
        Assert.Equal(new Timestamp(1_700_000_001, 1000), frames[2].Time);
        Assert.Equal(TcpFrame(3), frames[2].Data);
        Assert.Equal(3, reader.Interfaces.Count);
        Assert.Equal("eth0", reader.Interfaces[0].Name);
        Assert.Equal(1, reader.Interfaces[2].Section);
        Assert.All(reader.Interfaces, i => Assert.Equal(1, i.Frames));
    }

    [Theory]
    [InlineData((byte)0x88, 256UL * 10 + 64, 10, 250_000_000)]           // 2^-8 s: 64/256 s = 0.25 s
    [InlineData((byte)0x0A, 12_345_678_901UL, 1, 234_567_890)]         // 10^-10 s: 0.1 ns ticks, truncated
    [InlineData((byte)0x03, 5_001UL, 5, 1_000_000)]                     // milliseconds
    [InlineData((byte)0x80, 42UL, 42, 0)]                               // 2^0: whole seconds
    public void If_tsresol_powers_of_ten_and_two(byte tsresol, ulong ticks, long seconds, int nanos)
    {
        byte[] file = new PcapNg().Section().Interface(1, tsresol: tsresol).Enhanced(0, ticks, TcpFrame(1)).ToArray();
        var (frames, reader) = ReadAll.From(file);
        Assert.Null(reader.Error);
        Assert.Equal(new Timestamp(seconds, nanos), frames[0].Time);
    }

    [Fact]
    public void If_tsoffset_adds_seconds()
    {
        byte[] file = new PcapNg().Section().Interface(1, tsoffset: 1_000_000_000).Enhanced(0, 2_500_000, TcpFrame(1)).ToArray();
        Assert.Equal(new Timestamp(1_000_000_002, 500_000_000), ReadAll.From(file).Frames[0].Time);
    }

    [Fact]
    public void Simple_and_obsolete_packet_blocks_are_frames()
    {
        byte[] file = new PcapNg()
            .Section()
            .Interface(1, snapLength: 60)
            .Simple(TcpFrame(1, 20), original: 1514)
            .Obsolete(0, 7_000_000, TcpFrame(2))
            .ToArray();
        var (frames, reader) = ReadAll.From(file);
        Assert.Null(reader.Error);
        Assert.Equal(2, frames.Count);
        Assert.False(frames[0].HasTime);
        Assert.Equal(60, frames[0].Data.Length);          // cut to the snap length
        Assert.Equal(1514, frames[0].OriginalLength);
        Assert.True(frames[1].HasTime);
        Assert.Equal(new Timestamp(7, 0), frames[1].Time);
    }

    [Theory]
    [InlineData(4u)]           // name resolution
    [InlineData(5u)]           // interface statistics
    [InlineData(0x0Au)]        // decryption secrets
    [InlineData(0x0BADu)]      // custom, copyable
    [InlineData(0x40000BADu)]  // custom, do not copy
    [InlineData(0x12345u)]     // unknown
    public void Non_packet_blocks_are_skipped_without_counting_frames(uint type)
    {
        byte[] file = new PcapNg()
            .Section().Interface(1)
            .Enhanced(0, 1, TcpFrame(1))
            .Other(type, 20)
            .Enhanced(0, 2, TcpFrame(2))
            .ToArray();
        var (frames, reader) = ReadAll.From(file);
        Assert.Null(reader.Error);
        Assert.Equal([1L, 2L], frames.Select(f => f.Number));
        Assert.Equal(TcpFrame(2), frames[1].Data);
    }

    [Fact]
    public void Packet_for_an_undeclared_interface_is_a_corrupt_file_error()
    {
        byte[] file = new PcapNg().Section().Interface(1).Enhanced(0, 1, TcpFrame(1)).Enhanced(3, 2, TcpFrame(2)).ToArray();
        var (frames, reader) = ReadAll.From(file, "iface.pcapng");
        Assert.Single(frames);
        Assert.Equal(CaptureErrorKind.Corrupt, reader.Error!.Kind);
        Assert.Equal(2, reader.Error.FrameNumber);
        Assert.Contains("interface 3", reader.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_section_version_and_overlong_option_are_refused()
    {
        Assert.Throws<CaptureFormatException>(() => ReadAll.From(new PcapNg().Section(major: 2).Interface(1).ToArray()));
        byte[] badOption = [1, 0, 0xFF, 0x30, 0, 0, 0, 0];
        Assert.Throws<CaptureFormatException>(() => ReadAll.From(new PcapNg().Section(options: badOption).ToArray()));
    }
}
