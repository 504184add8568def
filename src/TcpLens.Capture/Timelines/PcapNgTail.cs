using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;
using TcpLens.Capture.Files;

namespace TcpLens.Capture.Timelines;

/// <summary>
/// Finds the last packet block of a plain pcapng file from its end: every block ends with its
/// total length, so the blocks can be walked backwards (dumpcap ends each file with interface
/// statistics blocks after the last packet). Each step reads 12 bytes and checks that the
/// block's leading length equals its trailing one and that it stays inside the file, after the
/// first section header. The walk gives up — and the caller reads the file instead — at anything
/// it cannot vouch for: a second section header (whose interfaces the first one does not
/// describe), a simple packet block (no timestamp), an impossible length, or too many blocks.
/// </summary>
internal static class PcapNgTail
{
    private const uint SectionHeaderBlock = PcapNgFormat.SectionHeaderBlock;
    private const uint ObsoletePacketBlock = 2;
    private const uint SimplePacketBlock = 3;
    private const uint EnhancedPacketBlock = 6;
    private const uint ByteOrderMagic = 0x1A2B3C4D;

    // Non-packet blocks after the last packet: a few statistics blocks, perhaps a journal or two.
    private const int MaxBlocksWalked = 64;

    // A packet block holds at most the reader's largest packet plus its fixed fields and options.
    private const int MaxPacketBlockLength = PcapFormat.MaxRecordLength + (64 << 10);

    /// <summary>The offset and length of the file's last packet block, or null when the walk cannot vouch for one.</summary>
    public static (long Offset, int Length)? FindLastPacketBlock(SafeFileHandle file, long fileLength)
    {
        Span<byte> head = stackalloc byte[12];
        if (fileLength < 28 || RandomAccess.Read(file, head, 0) != head.Length
            || BinaryPrimitives.ReadUInt32LittleEndian(head) != SectionHeaderBlock)
        {
            return null;
        }
        uint bom = BinaryPrimitives.ReadUInt32LittleEndian(head[8..]);
        if (bom != ByteOrderMagic && BinaryPrimitives.ReverseEndianness(bom) != ByteOrderMagic)
        {
            return null;
        }
        bool bigEndian = bom != ByteOrderMagic;
        long firstSectionEnd = Read32(head[4..], bigEndian);
        long end = fileLength;
        Span<byte> field = stackalloc byte[8];
        for (int walked = 0; walked < MaxBlocksWalked && end > firstSectionEnd; walked++)
        {
            if (RandomAccess.Read(file, field[..4], end - 4) != 4)
            {
                return null;
            }
            long length = Read32(field, bigEndian);
            if (length < 12 || length % 4 != 0 || end - length < firstSectionEnd)
            {
                return null;
            }
            long start = end - length;
            if (RandomAccess.Read(file, field, start) != 8 || Read32(field[4..], bigEndian) != length)
            {
                return null;
            }
            // A section header's type reads the same in both byte orders.
            uint type = BinaryPrimitives.ReadUInt32LittleEndian(field) == SectionHeaderBlock ? SectionHeaderBlock : Read32(field, bigEndian);
            switch (type)
            {
                case EnhancedPacketBlock or ObsoletePacketBlock:
                    return length <= MaxPacketBlockLength ? (start, (int)length) : null;
                case SectionHeaderBlock or SimplePacketBlock:
                    return null;
            }
            end = start;
        }
        return null;
    }

    private static uint Read32(ReadOnlySpan<byte> s, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);
}
