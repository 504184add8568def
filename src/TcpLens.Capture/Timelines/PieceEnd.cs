using Microsoft.Win32.SafeHandles;
using TcpLens.Capture.Files;

namespace TcpLens.Capture.Timelines;

/// <summary>How the time of a piece's last frame was found.</summary>
internal enum PieceEndSource
{
    /// <summary>From the end of the file: the last record or block only (plain pcap and pcapng).</summary>
    Tail,
    /// <summary>By reading the whole file (compressed files, and whatever the tail could not vouch for).</summary>
    ReadThrough,
}

/// <summary>
/// The time of a capture file's last frame, cheaply where the format allows: plain pcapng and
/// pcap files are read from their end (<see cref="PcapNgTail"/>, <see cref="PcapTail"/>), and
/// the record found there is decoded by <see cref="CaptureReader"/> itself — behind the file's
/// own header, so timestamps come out exactly as when the file is read. Compressed files, and
/// anything the tail cannot vouch for, are read through; a damaged file then ends at its last
/// readable frame, as its analysis will.
/// </summary>
internal static class PieceEnd
{
    // The header bytes put in front of the last record: pcapng section and interface blocks
    // before the first packet. More than this (large decryption-secrets blocks) is read through.
    private const long MaxPrefix = 1 << 20;

    /// <summary>The time of the last frame of <paramref name="start"/>'s file, or null when it has none.</summary>
    public static Timestamp? Read(PieceStart start, out PieceEndSource source)
    {
        source = PieceEndSource.Tail;
        if (start.First is { } first && start.Format is { Compression: CaptureCompression.None } format && FromTail(start, format, first) is { } end)
        {
            return end;
        }
        source = PieceEndSource.ReadThrough;
        return ReadThrough(start.File);
    }

    /// <summary>Reads every frame: the time of the last one that has a time, or null.</summary>
    public static Timestamp? ReadThrough(string file)
    {
        try
        {
            using CaptureReader reader = CaptureReader.Open(file);
            Timestamp? last = null;
            while (reader.TryRead(out CaptureFrame frame))
            {
                if (frame.HasTime)
                {
                    last = frame.Time;
                }
            }
            return last;
        }
        catch (CaptureFormatException)
        {
            return null;
        }
    }

    private static Timestamp? FromTail(PieceStart start, CaptureFormat format, Timestamp first)
    {
        try
        {
            using SafeFileHandle file = File.OpenHandle(start.File, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            long length = RandomAccess.GetLength(file);
            long prefix;
            (long Offset, int Length)? last;
            if (format.Container == CaptureContainer.PcapNg)
            {
                prefix = start.FirstOffset;
                last = PcapNgTail.FindLastPacketBlock(file, length);
            }
            else
            {
                prefix = PcapFormat.FileHeaderLength;
                Span<byte> header = stackalloc byte[PcapFormat.FileHeaderLength];
                last = RandomAccess.Read(file, header, 0) == header.Length && PcapTail.Layout.Of(header) is { } layout
                    ? PcapTail.FindLastRecord(file, length, layout, first.Seconds)
                    : null;
            }
            if (last is not { } record || prefix > MaxPrefix || prefix > record.Offset)
            {
                return null;
            }
            byte[] bytes = new byte[prefix + record.Length];
            if (RandomAccess.Read(file, bytes.AsSpan(0, (int)prefix), 0) != prefix
                || RandomAccess.Read(file, bytes.AsSpan((int)prefix), record.Offset) != record.Length)
            {
                return null;
            }
            return Decode(bytes, start.File, first);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // The file's header and its last record, read as a capture of one frame: anything else
    // (a record naming an interface defined later in the file, damage) is not an answer.
    private static Timestamp? Decode(byte[] bytes, string name, Timestamp first)
    {
        try
        {
            using CaptureReader reader = CaptureReader.Open(new MemoryStream(bytes, writable: false), name);
            if (!reader.TryRead(out CaptureFrame frame) || !frame.HasTime)
            {
                return null;
            }
            Timestamp time = frame.Time;
            bool alone = !reader.TryRead(out _) && reader.Error is null;
            // A pcapng file of several sections may number its interfaces differently from the
            // first section: a time more than a year away from the first frame is not trusted.
            return alone && Math.Abs(time - first) < 366.0 * 24 * 3600 ? time : null;
        }
        catch (CaptureFormatException)
        {
            return null;
        }
    }
}
