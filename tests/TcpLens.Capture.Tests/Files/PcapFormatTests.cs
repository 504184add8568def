using TcpLens.Capture.Tests.Support;
using static TcpLens.Capture.Tests.Support.SyntheticCaptures;

namespace TcpLens.Capture.Tests.Files;

public class PcapFormatTests
{
    private static readonly (uint, uint, byte[], int?)[] Records =
    [
        (1_700_000_000, 123_456, TcpFrame(1), null),
        (1_700_000_001, 999_999, TcpFrame(2), 1514),
        (1_700_000_002, 0, TcpFrame(3, 0), null),
    ];

    [Theory]
    [InlineData(false, 0xA1B2C3D4u, 1000)]
    [InlineData(true, 0xA1B2C3D4u, 1000)]
    [InlineData(false, 0xA1B23C4Du, 1)]
    [InlineData(true, 0xA1B23C4Du, 1)]
    [InlineData(false, 0xA1B2CD34u, 1000)]
    public void Both_byte_orders_and_every_magic_read_exactly(bool bigEndian, uint magic, int nanosPerUnit)
    {
        var (frames, reader) = ReadAll.From(Pcap(Records, bigEndian, magic));
        Assert.Null(reader.Error);
        Assert.Equal(CaptureContainer.Pcap, reader.Format.Container);
        Assert.Equal(bigEndian, reader.Format.BigEndian);
        Assert.Equal(3, frames.Count);
        Assert.Equal([1L, 2L, 3L], frames.Select(f => f.Number));
        Assert.Equal(new Timestamp(1_700_000_000, 123_456 * nanosPerUnit), frames[0].Time);
        Assert.Equal(new Timestamp(1_700_000_001, 999_999 * nanosPerUnit), frames[1].Time);
        Assert.Equal(1514, frames[1].OriginalLength);
        Assert.Equal(TcpFrame(2), frames[1].Data);
        Assert.All(frames, f => Assert.Equal(LinkType.Ethernet, f.LinkType));
        int header = magic == 0xA1B2CD34u ? 24 : 16;
        Assert.Equal(24 + header + TcpFrame(1).Length, frames[1].Offset);
    }

    [Fact]
    public void Snap_length_does_not_limit_reading_and_link_type_is_kept()
    {
        var (frames, reader) = ReadAll.From(Pcap(Records, linkType: 101, snapLength: 16));
        Assert.Null(reader.Error);
        Assert.Equal(3, frames.Count);
        Assert.Equal(LinkType.Raw, frames[0].LinkType);
    }

    [Fact]
    public void Out_of_range_microseconds_are_kept_as_wireshark_shows_them()
    {
        var (frames, _) = ReadAll.From(Pcap([(10, 1_000_000, TcpFrame(1), null)]));
        Assert.Equal(new Timestamp(10, 1_000_000_000), frames[0].Time);
        Assert.Equal("11.000000000", frames[0].Time.ToString());
    }

    [Fact]
    public void Version_1_and_reserved_link_type_bits_are_refused()
    {
        byte[] v1 = Pcap(Records);
        v1[4] = 1;
        Assert.Contains("version", Assert.Throws<CaptureFormatException>(() => ReadAll.From(v1, "v1.pcap")).Message, StringComparison.Ordinal);
        byte[] reserved = Pcap(Records, linkType: 0x0030_0001);
        Assert.Contains("reserved", Assert.Throws<CaptureFormatException>(() => ReadAll.From(reserved)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_pcap_has_no_frames_and_no_error()
    {
        var (frames, reader) = ReadAll.From(Pcap([]));
        Assert.Empty(frames);
        Assert.Null(reader.Error);
    }
}
