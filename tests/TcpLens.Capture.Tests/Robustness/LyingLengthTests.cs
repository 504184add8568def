using System.Buffers.Binary;
using TcpLens.Capture.Tests.Support;
using static TcpLens.Capture.Tests.Support.SyntheticCaptures;

namespace TcpLens.Capture.Tests.Robustness;

/// <summary>Length fields that claim gigabytes in a tiny file cost no memory and stop with a precise error.</summary>
public class LyingLengthTests
{
    private static (CaptureError? Error, long Allocated, int Frames) ReadMeasured(byte[] file, string name)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var (frames, reader) = ReadAll.From(file, name);
        return (reader.Error, GC.GetAllocatedBytesForCurrentThread() - before, frames.Count);
    }

    [Theory]
    [InlineData(0xFFFFFFF0u)]
    [InlineData(0x80000000u)]
    [InlineData(262_145u)]
    public void Pcap_record_claiming_a_huge_length(uint claimed)
    {
        byte[] file = Pcap([(1, 0, TcpFrame(1), null), (2, 0, TcpFrame(2), null)]);
        int second = 24 + 16 + TcpFrame(1).Length;
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(second + 8), claimed);
        var (error, allocated, frames) = ReadMeasured(file, "liar.pcap");
        Assert.Equal(1, frames);
        Assert.Equal(2, error!.FrameNumber);
        Assert.Equal(second, error.ByteOffset);
        Assert.Equal(CaptureErrorKind.Corrupt, error.Kind);
        Assert.True(allocated < 4 << 20, $"allocated {allocated}");
    }

    [Theory]
    [InlineData(0x7FFFFFF0u)]
    [InlineData(100_000_000u)]
    [InlineData(0xFFFFFFFCu)]
    public void Pcapng_block_claiming_a_huge_length(uint claimed)
    {
        byte[] file = new PcapNg().Section().Interface(1).Enhanced(0, 1, TcpFrame(1)).Enhanced(0, 2, TcpFrame(2)).ToArray();
        int second = file.Length - (32 + ((TcpFrame(2).Length + 3) & ~3));
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(second + 4), claimed);
        var (error, allocated, frames) = ReadMeasured(file, "liar.pcapng");
        Assert.Equal(1, frames);
        Assert.NotNull(error);
        Assert.Equal(2, error!.FrameNumber);
        Assert.Equal(second, error.ByteOffset);
        Assert.True(allocated < 4 << 20, $"allocated {allocated}");
    }
}
