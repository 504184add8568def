using System.Buffers.Binary;
using System.Diagnostics;
using TcpLens.Capture.Tests.Support;
using Xunit.Abstractions;
using static TcpLens.Capture.Tests.Support.CaptureBuilder;

namespace TcpLens.Capture.Tests.Robustness;

/// <summary>
/// Files over 4 GB: frame counts and byte offsets past 2^32, read from a stream that generates the
/// capture on the fly (nothing is written to disk).
/// </summary>
public class LargeFileTests(ITestOutputHelper output)
{
    /// <summary>
    /// A forward-only stream of <c>header</c> then <c>count</c> copies of <c>record</c>, with the
    /// 32-bit little-endian field at <c>counterAt</c> in each record set to the record's index, so
    /// a skipped, repeated or misplaced record shows.
    /// </summary>
    private sealed class GeneratedCapture(byte[] header, byte[] record, long count, int counterAt) : Stream
    {
        private long _position;

        public long TotalLength => header.Length + count * record.Length;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int written = 0;
            while (written < buffer.Length && _position < TotalLength)
            {
                int n;
                if (_position < header.Length)
                {
                    n = Math.Min(header.Length - (int)_position, buffer.Length - written);
                    header.AsSpan((int)_position, n).CopyTo(buffer[written..]);
                }
                else
                {
                    long index = Math.DivRem(_position - header.Length, record.Length, out long within);
                    n = (int)Math.Min(record.Length - within, buffer.Length - written);
                    Span<byte> target = buffer.Slice(written, n);
                    record.AsSpan((int)within, n).CopyTo(target);
                    for (int k = counterAt; k < counterAt + 4; k++)
                    {
                        if (k >= within && k < within + n)
                        {
                            target[k - (int)within] = (byte)(index >> (8 * (k - counterAt)));
                        }
                    }
                }
                written += n;
                _position += n;
            }
            return written;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private const long Records = 66_500;                 // × ~65 KB ≈ 4.33 GB
    private static readonly byte[] Packet = TcpPacket(7, 65_000 - 54);

    private void ReadAllOf(GeneratedCapture source, string name, long recordLength, long firstRecord, Func<long, Timestamp> timeOf)
    {
        Assert.True(source.TotalLength > 4_300_000_000L, $"only {source.TotalLength} bytes");
        var clock = Stopwatch.StartNew();
        long before = GC.GetAllocatedBytesForCurrentThread();
        using var reader = CaptureReader.Open(source, name);
        long count = 0, lastOffset = -1;
        while (reader.TryRead(out CaptureFrame frame))
        {
            count++;
            if (frame.Number != count || frame.Data.Length != Packet.Length || frame.Time != timeOf(count - 1))
            {
                Assert.Fail($"frame {frame.Number} (record {count}): time {frame.Time}, {frame.Data.Length} bytes");
            }
            lastOffset = frame.FileOffset;
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        clock.Stop();
        Assert.Null(reader.Error);
        Assert.Equal(Records, count);
        Assert.Equal(Records, reader.FramesRead);
        Assert.Equal(Records, reader.Interfaces[0].Frames);
        Assert.True(lastOffset > 1L << 32, $"last offset {lastOffset}");
        Assert.Equal(firstRecord + (Records - 1) * recordLength, lastOffset);
        Assert.Equal(source.TotalLength, reader.Position);
        // One reusable buffer, whatever the size of the file.
        Assert.True(allocated < 8 << 20, $"allocated {allocated} bytes");
        output.WriteLine($"{name}: {source.TotalLength / 1e9:F2} GB, {count} frames in {clock.Elapsed.TotalSeconds:F2} s " +
            $"({source.TotalLength / clock.Elapsed.TotalSeconds / 1e9:F1} GB/s), {allocated} bytes allocated");
    }

    [Fact]
    public void Pcap_larger_than_4_GB_reads_to_the_end_with_exact_offsets()
    {
        byte[] header = CaptureBuilder.Pcap().ToArray();
        byte[] record = new ByteWriter(false).U32(0).U32(500_000).U32((uint)Packet.Length).U32((uint)Packet.Length).Bytes(Packet).ToArray();
        var source = new GeneratedCapture(header, record, Records, counterAt: 0);
        ReadAllOf(source, "huge.pcap", record.Length, 24, i => new Timestamp(i, 500_000_000));
    }

    [Fact]
    public void Pcapng_larger_than_4_GB_reads_to_the_end_with_exact_offsets()
    {
        byte[] header = CaptureBuilder.PcapNg().Section().Interface(LinkType.Ethernet, tsresol: 0x80).ToArray();
        PcapNgBuilder one = CaptureBuilder.PcapNg().Section().Interface(LinkType.Ethernet).Enhanced(0, 0, Packet);
        byte[] record = one.ToArray()[(int)one.Blocks[^1].Offset..];
        // The counter goes in the low 32 bits of the timestamp: with 2^0 resolution it is whole seconds.
        var source = new GeneratedCapture(header, record, Records, counterAt: 16);
        Assert.Equal(BinaryPrimitives.ReadUInt32LittleEndian(record.AsSpan(4)), (uint)record.Length);
        ReadAllOf(source, "huge.pcapng", record.Length, header.Length, i => new Timestamp(i, 0));
    }
}
