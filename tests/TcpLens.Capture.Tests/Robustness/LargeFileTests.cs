using System.Buffers.Binary;
using static TcpLens.Capture.Tests.Support.SyntheticCaptures;

namespace TcpLens.Capture.Tests.Robustness;

/// <summary>Files over 4 GB: offsets and counts past 2^32, without writing 4 GB to disk.</summary>
public class LargeFileTests
{
    /// <summary>A pcap of identical 64 KiB-ish records generated on the fly.</summary>
    private sealed class GeneratedPcap : Stream
    {
        private readonly byte[] _header = new byte[24];
        private readonly byte[] _record;
        private readonly long _records;
        private long _position;

        public GeneratedPcap(long records)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(_header, 0xA1B2C3D4);
            BinaryPrimitives.WriteUInt16LittleEndian(_header.AsSpan(4), 2);
            BinaryPrimitives.WriteUInt16LittleEndian(_header.AsSpan(6), 4);
            BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(16), 262144);
            BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(20), 1);
            byte[] frame = TcpFrame(7, 65000 - 54);
            _record = new byte[16 + frame.Length];
            BinaryPrimitives.WriteUInt32LittleEndian(_record.AsSpan(8), (uint)frame.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(_record.AsSpan(12), (uint)frame.Length);
            frame.CopyTo(_record, 16);
            _records = records;
        }

        public long TotalLength => 24 + _records * _record.Length;

        public long RecordLength => _record.Length;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int written = 0;
            while (written < buffer.Length && _position < TotalLength)
            {
                ReadOnlySpan<byte> source;
                long within;
                if (_position < 24)
                {
                    source = _header;
                    within = _position;
                }
                else
                {
                    source = _record;
                    within = (_position - 24) % _record.Length;
                }
                int n = (int)Math.Min(source.Length - within, buffer.Length - written);
                source.Slice((int)within, n).CopyTo(buffer[written..]);
                written += n;
                _position += n;
            }
            return written;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => TotalLength;
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public void A_capture_larger_than_4_GB_reads_to_the_end_with_exact_offsets()
    {
        const long records = 70_000; // 70 000 × 65 016 bytes ≈ 4.55 GB
        var source = new GeneratedPcap(records);
        Assert.True(source.TotalLength > 1L << 32);
        using var reader = CaptureReader.Open(source, "huge.pcap");
        long count = 0, lastOffset = 0;
        while (reader.TryRead(out CaptureFrame frame))
        {
            count++;
            lastOffset = frame.FileOffset;
        }
        Assert.Null(reader.Error);
        Assert.Equal(records, count);
        Assert.Equal(24 + (records - 1) * source.RecordLength, lastOffset);
        Assert.True(lastOffset > 1L << 32);
        Assert.Equal(source.TotalLength, reader.Position);
    }
}
