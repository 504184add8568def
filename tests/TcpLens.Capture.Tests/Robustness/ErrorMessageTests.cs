using System.Buffers.Binary;
using TcpLens.Capture.Tests.Support;
using static TcpLens.Capture.Tests.Support.CaptureBuilder;

namespace TcpLens.Capture.Tests.Robustness;

/// <summary>The one-line warning a user sees names the file, the frame and the byte offset.</summary>
public sealed class ErrorMessageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tcplens-errors-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static CaptureError ReadToError(string path)
    {
        using var reader = CaptureReader.Open(path);
        while (reader.TryRead(out _))
        {
        }
        return Assert.IsType<CaptureError>(reader.Error);
    }

    [Fact]
    public void Truncated_file_warning_names_file_frame_and_offset()
    {
        PcapBuilder built = CaptureBuilder.Pcap();
        for (int i = 1; i <= 5; i++)
        {
            built.Record((uint)i, 0, TcpPacket((ushort)i, 100));
        }
        byte[] file = built.ToArray();
        string path = Path.Combine(_dir, "cut short.pcap");
        File.WriteAllBytes(path, file[..((int)built.Blocks[3].Offset + 30)]);
        CaptureError error = ReadToError(path);
        Assert.Equal(path, error.File);
        Assert.Equal(4, error.FrameNumber);
        Assert.Equal(built.Blocks[3].Offset, error.ByteOffset);
        Assert.Equal(CaptureErrorKind.Truncated, error.Kind);
        string line = error.ToString();
        Assert.StartsWith($"{path}: truncated at frame 4, byte offset {built.Blocks[3].Offset}: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line);
    }

    [Fact]
    public void Corrupt_block_warning_names_file_frame_and_offset()
    {
        PcapNgBuilder built = CaptureBuilder.PcapNg().Section().Interface(LinkType.Ethernet).Enhanced(0, 1, TcpPacket(1)).Enhanced(0, 2, TcpPacket(2));
        byte[] file = built.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan((int)built.Blocks[^1].Offset + 4), 7);
        string path = Path.Combine(_dir, "bad.pcapng");
        File.WriteAllBytes(path, file);
        string line = ReadToError(path).ToString();
        Assert.StartsWith($"{path}: corrupt at frame 2, byte offset {built.Blocks[^1].Offset}: ", line, StringComparison.Ordinal);
        Assert.Contains("invalid total length 7", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Decompression_failure_names_file_frame_and_offset_in_the_decompressed_data()
    {
        PcapBuilder built = CaptureBuilder.Pcap();
        for (int i = 0; i < 1000; i++)
        {
            built.Record((uint)i, 0, TcpPacket((ushort)i, 200));
        }
        // A good zstd frame, then one whose only block has the reserved block type.
        byte[] bad = [0x28, 0xB5, 0x2F, 0xFD, 0x20, 0x10, 0x07, 0x00, 0x00];
        string path = Path.Combine(_dir, "damaged.pcap.zst");
        File.WriteAllBytes(path, [.. Zstd(built.ToArray()), .. bad]);
        CaptureError error = ReadToError(path);
        Assert.Equal(CaptureErrorKind.Io, error.Kind);
        Assert.Equal(1001, error.FrameNumber);
        Assert.Equal(built.ToArray().Length, error.ByteOffset);
        Assert.StartsWith($"{path}: read error at frame 1001, byte offset {built.ToArray().Length}: decompression failed: ",
            error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A stream whose device fails after some bytes.</summary>
    private sealed class FailingStream(byte[] data, int failAt) : MemoryStream(data, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (Position >= failAt)
            {
                throw new IOException("Input/output error");
            }
            return base.Read(buffer, offset, (int)Math.Min(count, failAt - Position));
        }
    }

    [Fact]
    public void Device_read_failure_names_file_frame_and_offset()
    {
        PcapBuilder built = CaptureBuilder.Pcap();
        for (int i = 0; i < 10; i++)
        {
            built.Record((uint)i, 0, TcpPacket((ushort)i, 200));
        }
        long failAt = built.Blocks[6].Offset + 100;
        using var reader = CaptureReader.Open(new FailingStream(built.ToArray(), (int)failAt), "disk.pcap");
        int frames = 0;
        while (reader.TryRead(out _))
        {
            frames++;
        }
        Assert.Equal(6, frames);
        CaptureError error = Assert.IsType<CaptureError>(reader.Error);
        Assert.Equal("disk.pcap: read error at frame 7, byte offset " + built.Blocks[6].Offset + ": Input/output error", error.ToString());
    }

    [Fact]
    public void Unsupported_construct_names_file_frame_and_offset()
    {
        PcapNgBuilder built = CaptureBuilder.PcapNg().Section().Interface(LinkType.Ethernet).Enhanced(0, 1, TcpPacket(1))
            .Interface(LinkType.Ethernet, tsresol: 0xFF);
        string path = Path.Combine(_dir, "resolution.pcapng");
        File.WriteAllBytes(path, built.ToArray());
        string line = ReadToError(path).ToString();
        Assert.StartsWith($"{path}: unsupported at frame 2, byte offset {built.Blocks[^1].Offset}: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Error_text_is_built_from_its_fields()
    {
        var error = new CaptureError("/captures/a b.pcapng", CaptureErrorKind.Truncated, 1_234_567, 5_000_000_000, "block cut short");
        Assert.Equal("/captures/a b.pcapng: truncated at frame 1234567, byte offset 5000000000: block cut short", error.ToString());
    }
}
