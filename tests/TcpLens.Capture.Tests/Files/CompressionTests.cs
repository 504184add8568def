using System.IO.Compression;
using TcpLens.Capture.Tests.Support;
using static TcpLens.Capture.Tests.Support.SyntheticCaptures;

namespace TcpLens.Capture.Tests.Files;

public class CompressionTests
{
    private static readonly byte[] Plain = new PcapNg().Section().Interface(1)
        .Enhanced(0, 1_000_000, TcpFrame(1)).Enhanced(0, 2_000_000, TcpFrame(2)).Enhanced(0, 3_000_000, TcpFrame(3)).ToArray();

    private static byte[] Gzip(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true))
        {
            gz.Write(data);
        }
        return ms.ToArray();
    }

    private static List<byte[]> Payloads(byte[] file, string name)
    {
        var (frames, reader) = ReadAll.From(file, name);
        Assert.Null(reader.Error);
        return frames.Select(f => f.Data).ToList();
    }

    [Fact]
    public void Gzip_is_recognised_by_content_whatever_the_name()
    {
        var (frames, reader) = ReadAll.From(Gzip(Plain), "looks-plain.pcap");
        Assert.Equal(CaptureCompression.Gzip, reader.Format.Compression);
        Assert.Equal(Payloads(Plain, "p"), frames.Select(f => f.Data).ToList());
    }

    [Fact]
    public void Concatenated_gzip_members_read_as_one_file()
    {
        int cut = Plain.Length / 2;
        byte[] twoMembers = [.. Gzip(Plain[..cut]), .. Gzip(Plain[cut..])];
        Assert.Equal(Payloads(Plain, "p"), Payloads(twoMembers, "two.pcapng.gz"));
    }

    [Fact]
    public void Zstd_is_recognised_by_content()
    {
        using var compressor = new ZstdSharp.Compressor(3);
        byte[] zst = compressor.Wrap(Plain).ToArray();
        var (frames, reader) = ReadAll.From(zst, "capture.bin");
        Assert.Equal(CaptureCompression.Zstd, reader.Format.Compression);
        Assert.Equal(3, frames.Count);
        Assert.Equal("pcapng.zst", reader.Format.ToString());
    }

    [Theory]
    [InlineData(new byte[] { 0x04, 0x22, 0x4D, 0x18, 0, 0 }, "lz4")]
    [InlineData(new byte[] { 0xFD, 0x37, 0x7A, 0x58, 0x5A, 0 }, "xz")]
    [InlineData(new byte[] { (byte)'B', (byte)'Z', (byte)'h', (byte)'9' }, "bzip2")]
    [InlineData(new byte[] { (byte)'P', (byte)'K', 3, 4 }, "zip")]
    [InlineData(new byte[] { }, "empty")]
    [InlineData(new byte[] { (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o' }, "0x68656C6C")]
    public void Unreadable_content_is_a_clear_error_naming_the_file(byte[] content, string expected)
    {
        var e = Assert.Throws<CaptureFormatException>(() => ReadAll.From(content, "odd-file"));
        Assert.Contains("odd-file", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gzip_of_a_non_capture_is_refused()
    {
        var e = Assert.Throws<CaptureFormatException>(() => ReadAll.From(Gzip("hello world"u8.ToArray()), "text.gz"));
        Assert.Contains("gzip-compressed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Corrupt_gzip_stops_with_an_error_after_the_good_frames()
    {
        var builder = new PcapNg().Section().Interface(1);
        var random = new Random(7);
        for (int i = 0; i < 3000; i++)
        {
            byte[] frame = TcpFrame((ushort)i, 40);
            random.NextBytes(frame.AsSpan(54));
            builder.Enhanced(0, (ulong)i, frame);
        }
        byte[] gz = Gzip(builder.ToArray());
        for (int i = gz.Length / 2; i < gz.Length - 8; i++)
        {
            gz[i] ^= 0x5A;
        }
        var reader = CaptureReader.Open(new MemoryStream(gz), "bad.gz");
        int n = 0;
        while (reader.TryRead(out _))
        {
            n++;
        }
        Assert.InRange(n, 1000, 2999);
        Assert.NotNull(reader.Error);
        Assert.Contains("bad.gz", reader.Error!.ToString(), StringComparison.Ordinal);
    }
}
