using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;
using TcpLens.Capture.Files;

namespace TcpLens.Capture.Timelines;

/// <summary>
/// Finds the last record of a plain pcap file without reading the file: pcap records carry no
/// length at their end, so the last bytes are searched for a chain of plausible record headers,
/// each length leading exactly to the next, the last ending exactly at the end of the file. Such
/// a chain is practically never made of packet bytes by chance: every link must have a time within
/// a year of the file's first frame, a fraction below one second, and a captured length within
/// the reader's limit and not above the original length. When no chain is found (damage, a
/// record larger than the windows, a nonsense header) the caller reads the file instead.
/// </summary>
internal static class PcapTail
{
    // Bytes searched first, then once more: the second window holds at least three records of
    // the largest size the reader accepts, so it always has a chain in an undamaged file.
    private const int FirstWindow = 64 << 10;
    private const int SecondWindow = 4 * (PcapFormat.MaxRecordLength + 24);

    // A lone header that happens to point at the end of the file proves little; two linked ones do.
    private const int MinLinks = 2;

    private const long YearSeconds = 366L * 24 * 3600;

    /// <summary>The byte layout of a pcap file, from its 24-byte header.</summary>
    internal readonly record struct Layout(bool BigEndian, bool Nanosecond, int RecordHeaderLength)
    {
        public static Layout? Of(ReadOnlySpan<byte> header)
        {
            if (header.Length < PcapFormat.FileHeaderLength)
            {
                return null;
            }
            uint le = BinaryPrimitives.ReadUInt32LittleEndian(header), be = BinaryPrimitives.ReadUInt32BigEndian(header);
            uint magic = le is PcapFormat.MagicMicro or PcapFormat.MagicNano or PcapFormat.MagicModified ? le : be;
            bool bigEndian = magic != le;
            return magic switch
            {
                PcapFormat.MagicMicro => new Layout(bigEndian, false, 16),
                PcapFormat.MagicNano => new Layout(bigEndian, true, 16),
                PcapFormat.MagicModified => new Layout(bigEndian, false, 24),
                _ => null,
            };
        }
    }

    /// <summary>The offset and length of the file's last record, or null when the tail cannot vouch for one.</summary>
    public static (long Offset, int Length)? FindLastRecord(SafeFileHandle file, long fileLength, Layout layout, long firstSeconds)
    {
        foreach (int window in (ReadOnlySpan<int>)[FirstWindow, SecondWindow])
        {
            long start = Math.Max(PcapFormat.FileHeaderLength, fileLength - window);
            byte[] tail = new byte[fileLength - start];
            if (RandomAccess.Read(file, tail, start) != tail.Length)
            {
                return null;
            }
            // From the first record on, only the true boundary counts: the chain must hold to the end.
            int last = start == PcapFormat.FileHeaderLength
                ? ChainEnd(tail, 0, layout, firstSeconds, minLinks: 1)
                : FirstChain(tail, layout, firstSeconds);
            if (last >= 0)
            {
                return (start + last, tail.Length - last);
            }
            if (start == PcapFormat.FileHeaderLength)
            {
                return null;
            }
        }
        return null;
    }

    // The start of the last record of the first chain found, scanning from the window's start, or -1.
    private static int FirstChain(ReadOnlySpan<byte> tail, Layout layout, long firstSeconds)
    {
        for (int at = 0; at + layout.RecordHeaderLength <= tail.Length; at++)
        {
            int last = ChainEnd(tail, at, layout, firstSeconds, MinLinks);
            if (last >= 0)
            {
                return last;
            }
        }
        return -1;
    }

    // Follows record headers from 'at'; the start of the last one when they end exactly at the end of the tail, else -1.
    private static int ChainEnd(ReadOnlySpan<byte> tail, int at, Layout layout, long firstSeconds, int minLinks)
    {
        int links = 0;
        while (at + layout.RecordHeaderLength <= tail.Length)
        {
            ReadOnlySpan<byte> h = tail.Slice(at, layout.RecordHeaderLength);
            uint seconds = Read32(h, layout.BigEndian), fraction = Read32(h[4..], layout.BigEndian);
            uint captured = Read32(h[8..], layout.BigEndian), original = Read32(h[12..], layout.BigEndian);
            if (fraction >= (layout.Nanosecond ? 1_000_000_000u : 1_000_000u)
                || Math.Abs(seconds - firstSeconds) > YearSeconds
                || captured > PcapFormat.MaxRecordLength || original < captured)
            {
                return -1;
            }
            long next = at + layout.RecordHeaderLength + (long)captured;
            links++;
            if (next == tail.Length)
            {
                return links >= minLinks ? at : -1;
            }
            if (next > tail.Length)
            {
                return -1;
            }
            at = (int)next;
        }
        return -1;
    }

    private static uint Read32(ReadOnlySpan<byte> s, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);
}
