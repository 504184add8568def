using TcpLens.Capture.Tests.Support;
using static TcpLens.Capture.Tests.Support.CaptureBuilder;

namespace TcpLens.Capture.Tests.Files;

public sealed class CompressionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tcplens-compression-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A pcapng with several sections and block kinds, big enough to span many decompressor reads.</summary>
    private static PcapNgBuilder NgCapture()
    {
        PcapNgBuilder b = CaptureBuilder.PcapNg().Section().Interface(LinkType.Ethernet, tsresol: 9)
            .NameResolution([([10, 0, 0, 1], "a")]).Interface(LinkType.Raw);
        for (int i = 0; i < 400; i++)
        {
            b.Enhanced(i % 2, (ulong)i * 1_000_003, i % 2 == 0 ? TcpPacket((ushort)i, i % 200) : Ipv4Tcp((ushort)i, i % 50));
        }
        b.Section(bigEndian: true).Interface(LinkType.LinuxSll).Simple(SllIpv4Tcp(7)).Custom(true, [1, 2, 3]).Obsolete(0, 9, SllIpv4Tcp(8));
        return b;
    }

    private static PcapBuilder PcapCapture()
    {
        PcapBuilder b = CaptureBuilder.Pcap(bigEndian: true, magic: PcapMagic.Nanoseconds);
        for (int i = 0; i < 300; i++)
        {
            b.Record(1_700_000_000u + (uint)i, (uint)i * 3, TcpPacket((ushort)i, i * 5 % 1400));
        }
        return b;
    }

    public static TheoryData<string> Containers() => ["pcap", "pcapng"];

    private static BuiltCapture Build(string container) => container == "pcap" ? PcapCapture() : NgCapture();

    private string Write(string name, byte[] content)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static List<ReadFrame> ReadPath(string path, out CaptureReader reader)
    {
        reader = CaptureReader.Open(path);
        var frames = new List<ReadFrame>();
        while (reader.TryRead(out CaptureFrame f))
        {
            frames.Add(new ReadFrame(f.Number, f.Time, f.HasTime, f.LinkType, f.InterfaceIndex, f.OriginalLength, f.FileOffset, f.Data.ToArray()));
        }
        reader.Dispose();
        return frames;
    }

    [Theory]
    [MemberData(nameof(Containers))]
    public void Gzip_reads_identically_and_is_recognised_by_content_not_name(string container)
    {
        BuiltCapture built = Build(container);
        // Named like a plain capture: only the content says it is gzip.
        string path = Write($"capture.{container}", Gzip(built.ToArray()));
        List<ReadFrame> frames = ReadPath(path, out CaptureReader reader);
        Assert.Null(reader.Error);
        ReaderAssert.Matches(built.Frames, frames);
        Assert.Equal(CaptureCompression.Gzip, reader.Format.Compression);
        Assert.Equal(container == "pcap" ? "pcap-be-nsec.gz" : "pcapng.gz", reader.Format.ToString());
    }

    [Theory]
    [MemberData(nameof(Containers))]
    public void Zstd_reads_identically_and_is_recognised_by_content_not_name(string container)
    {
        BuiltCapture built = Build(container);
        string path = Write("capture.gz", Zstd(built.ToArray()));   // a misleading name
        List<ReadFrame> frames = ReadPath(path, out CaptureReader reader);
        Assert.Null(reader.Error);
        ReaderAssert.Matches(built.Frames, frames);
        Assert.Equal(CaptureCompression.Zstd, reader.Format.Compression);
        Assert.Equal(container == "pcap" ? "pcap-be-nsec.zst" : "pcapng.zst", reader.Format.ToString());
    }

    [Fact]
    public void Plain_file_named_like_a_compressed_one_reads_plain()
    {
        BuiltCapture built = NgCapture();
        List<ReadFrame> frames = ReadPath(Write("capture.pcapng.zst", built.ToArray()), out CaptureReader reader);
        Assert.Equal(CaptureCompression.None, reader.Format.Compression);
        ReaderAssert.Matches(built.Frames, frames);
    }

    [Theory]
    [InlineData("pcap", 2)]
    [InlineData("pcapng", 2)]
    [InlineData("pcapng", 5)]
    public void Concatenated_gzip_members_read_as_one_file(string container, int members)
    {
        BuiltCapture built = Build(container);
        byte[] plain = built.ToArray();
        // Cut at odd places, inside headers and records, as `cat a.gz b.gz` would.
        var parts = new List<byte>();
        int start = 0;
        for (int m = 1; m <= members; m++)
        {
            int end = m == members ? plain.Length : plain.Length * m / members + 7;
            parts.AddRange(Gzip(plain.AsSpan(start, end - start)));
            start = end;
        }
        var (frames, reader) = ReadAll.From([.. parts], "members.pcap");
        Assert.Null(reader.Error);
        ReaderAssert.Matches(built.Frames, frames);
    }

    [Fact]
    public void Concatenated_zstd_frames_read_as_one_file()
    {
        BuiltCapture built = NgCapture();
        byte[] plain = built.ToArray();
        int cut = plain.Length / 3 + 1;
        byte[] two = [.. Zstd(plain.AsSpan(0, cut)), .. Zstd(plain.AsSpan(cut))];
        var (frames, reader) = ReadAll.From(two, "frames.zst");
        Assert.Null(reader.Error);
        ReaderAssert.Matches(built.Frames, frames);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("zstd")]
    public void Compressed_input_from_a_non_seekable_stream_reads_identically(string kind)
    {
        BuiltCapture built = PcapCapture();
        byte[] packed = kind == "gzip" ? Gzip(built.ToArray()) : Zstd(built.ToArray());
        using var reader = CaptureReader.Open(new OneByteAtATimeStream(packed), "pipe");
        var frames = new List<ReadFrame>();
        while (reader.TryRead(out CaptureFrame f))
        {
            frames.Add(new ReadFrame(f.Number, f.Time, f.HasTime, f.LinkType, f.InterfaceIndex, f.OriginalLength, f.FileOffset, f.Data.ToArray()));
        }
        Assert.Null(reader.Error);
        ReaderAssert.Matches(built.Frames, frames);
    }

    [Theory]
    [InlineData(new byte[] { 0x04, 0x22, 0x4D, 0x18, 0x64, 0x40, 0xA7 }, "lz4")]
    [InlineData(new byte[] { 0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00, 0x00 }, "xz")]
    [InlineData(new byte[] { (byte)'B', (byte)'Z', (byte)'h', (byte)'9', 0x31, 0x41, 0x59 }, "bzip2")]
    [InlineData(new byte[] { (byte)'P', (byte)'K', 3, 4, 20, 0, 0 }, "zip")]
    public void Unsupported_compression_is_a_clear_error_naming_the_file(byte[] magic, string what)
    {
        string path = Write($"trace.pcap", [.. magic, .. new byte[64]]);
        var e = Assert.Throws<CaptureFormatException>(() => CaptureReader.Open(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains(what, e.Message, StringComparison.Ordinal);
        // The same from a stream.
        var s = Assert.Throws<CaptureFormatException>(() => CaptureReader.Open(new MemoryStream(magic), "stream-name"));
        Assert.StartsWith("stream-name: ", s.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_file_is_a_clear_error()
    {
        string path = Write("empty.pcap", []);
        var e = Assert.Throws<CaptureFormatException>(() => CaptureReader.Open(path));
        Assert.StartsWith(path + ": ", e.Message, StringComparison.Ordinal);
        Assert.Contains("empty", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hello, this is a text file\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: example\r\n\r\n")]
    [InlineData("ab")]
    public void Text_file_is_a_clear_error(string text)
    {
        string path = Write("notes.pcapng", System.Text.Encoding.ASCII.GetBytes(text));
        var e = Assert.Throws<CaptureFormatException>(() => CaptureReader.Open(path));
        Assert.StartsWith(path + ": ", e.Message, StringComparison.Ordinal);
        Assert.Contains("not a pcap or pcapng capture", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Missing_file_is_a_capture_format_error_naming_it()
    {
        string path = Path.Combine(_dir, "nope.pcap");
        var e = Assert.Throws<CaptureFormatException>(() => CaptureReader.Open(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("zstd")]
    public void Compressed_non_capture_is_refused_naming_the_compression(string kind)
    {
        byte[] text = "just some text, not a capture at all"u8.ToArray();
        byte[] packed = kind == "gzip" ? Gzip(text) : Zstd(text);
        var e = Assert.Throws<CaptureFormatException>(() => ReadAll.From(packed, "text.bin"));
        Assert.StartsWith("text.bin: ", e.Message, StringComparison.Ordinal);
        Assert.Contains($"{kind}-compressed", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("zstd")]
    public void Damaged_compressed_data_stops_with_an_error_after_the_good_frames(string kind)
    {
        PcapNgBuilder built = CaptureBuilder.PcapNg().Section().Interface(LinkType.Ethernet);
        var random = new Random(7);
        for (int i = 0; i < 3000; i++)
        {
            byte[] frame = TcpPacket((ushort)i, 40);
            random.NextBytes(frame.AsSpan(54));    // incompressible, so the damage sits mid-file
            built.Enhanced(0, (ulong)i, frame);
        }
        byte[] packed = kind == "gzip" ? Gzip(built.ToArray()) : Zstd(built.ToArray());
        for (int i = packed.Length / 2; i < packed.Length - 8; i++)
        {
            packed[i] ^= 0x5A;
        }
        var (frames, reader) = ReadAll.From(packed, "bad." + kind);
        // zstd loses the whole 128 KiB block holding the damage; gzip only the damaged bytes.
        Assert.InRange(frames.Count, 500, 2999);
        ReaderAssert.Matches(built.Frames.Take(frames.Count).ToList(), frames);
        CaptureError error = Assert.IsType<CaptureError>(reader.Error);
        Assert.Equal(frames.Count + 1, error.FrameNumber);
        Assert.Contains("bad." + kind, error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>How many bytes the decompressor yields from a cut compressed file before it stops or throws.</summary>
    private static (long Length, bool Threw) Decompressible(byte[] packed, string kind)
    {
        using Stream d = kind == "gzip"
            ? new System.IO.Compression.GZipStream(new MemoryStream(packed), System.IO.Compression.CompressionMode.Decompress)
            : new ZstdSharp.DecompressionStream(new MemoryStream(packed));
        var buffer = new byte[4096];
        long total = 0;
        try
        {
            int n;
            while ((n = d.Read(buffer)) > 0)
            {
                total += n;
            }
            return (total, false);
        }
        catch (IOException)
        {
            return (total, true);
        }
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("zstd")]
    public void Cut_compressed_file_keeps_every_frame_the_decompressor_yields(string kind)
    {
        PcapBuilder built = PcapCapture();
        byte[] packed = kind == "gzip" ? Gzip(built.ToArray()) : Zstd(built.ToArray());
        int opened = 0, withError = 0;
        for (int cut = 1; cut < packed.Length; cut += Math.Max(1, packed.Length / 151))
        {
            byte[] file = packed[..cut];
            var (length, threw) = Decompressible(file, kind);
            List<ReadFrame> frames;
            CaptureReader reader;
            try
            {
                (frames, reader) = ReadAll.From(file, "cut." + kind);
            }
            catch (CaptureFormatException e)
            {
                Assert.True(length < built.HeaderLength, $"cut at {cut}: refused although {length} bytes decompress: {e.Message}");
                continue;
            }
            opened++;
            // Exactly the records that decompressed whole.
            var whole = built.Frames.Where(f => built.Blocks[(int)f.Number - 1].End <= length).ToList();
            ReaderAssert.Matches(whole, frames);
            bool onBoundary = length == built.HeaderLength || built.Blocks.Any(b => b.End == length);
            if (threw || !onBoundary)
            {
                CaptureError error = Assert.IsType<CaptureError>(reader.Error);
                withError++;
                Assert.Equal(frames.Count + 1, error.FrameNumber);
                Assert.Equal(threw ? CaptureErrorKind.Io : CaptureErrorKind.Truncated, error.Kind);
                Assert.StartsWith("cut." + kind + ": ", error.ToString(), StringComparison.Ordinal);
            }
            else
            {
                // .NET's GZipStream reports no error for a cut stream (dotnet/runtime#47563), so a cut
                // that happens to end between records cannot be told from a complete file.
                Assert.Null(reader.Error);
            }
        }
        Assert.True(opened > 20 && withError > 20, $"opened {opened}, with error {withError}");
    }
}
