using System.Buffers.Binary;

namespace TcpLens.Capture.Tests.Support;

/// <summary>Cuts a little-endian microsecond pcap at record boundaries, the way tcpdump -C rotates files, and moves pieces in time.</summary>
public static class PcapSplit
{
    private const int FileHeader = 24;
    private const int RecordHeader = 16;

    /// <summary>Writes <paramref name="first"/> and <paramref name="second"/> (each with the file header); the cut is the first record boundary past half the file.</summary>
    public static void Split(string pcap, string first, string second)
    {
        byte[] bytes = Read(pcap);
        int at = FileHeader;
        while (at < bytes.Length / 2)
        {
            at += RecordHeader + (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 8));
        }
        File.WriteAllBytes(first, bytes[..at]);
        File.WriteAllBytes(second, [.. bytes[..FileHeader], .. bytes[at..]]);
    }

    /// <summary>Cuts <paramref name="pcap"/> into one piece per output, of about as many records each, as editcap -c does.</summary>
    public static void Pieces(string pcap, IReadOnlyList<string> outputs)
    {
        byte[] bytes = Read(pcap);
        List<int> starts = RecordStarts(bytes);
        int records = starts.Count - 1;
        int each = (records + outputs.Count - 1) / outputs.Count;
        for (int i = 0; i < outputs.Count; i++)
        {
            int from = starts[Math.Min(i * each, records)], to = starts[Math.Min((i + 1) * each, records)];
            File.WriteAllBytes(outputs[i], [.. bytes[..FileHeader], .. bytes[from..to]]);
        }
    }

    /// <summary>Moves every record of <paramref name="pcap"/> by <paramref name="microseconds"/> (rewrites the file), as editcap -t does.</summary>
    public static void Shift(string pcap, long microseconds)
    {
        byte[] bytes = Read(pcap);
        List<int> starts = RecordStarts(bytes);
        foreach (int at in starts.Take(starts.Count - 1))
        {
            long t = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at)) * 1_000_000L
                + BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 4)) + microseconds;
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), (uint)(t / 1_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + 4), (uint)(t % 1_000_000));
        }
        File.WriteAllBytes(pcap, bytes);
    }

    /// <summary>Times of the first and last record, in microseconds since the epoch.</summary>
    public static (long First, long Last) Span(string pcap)
    {
        byte[] bytes = Read(pcap);
        List<int> starts = RecordStarts(bytes);
        long Time(int at) => BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at)) * 1_000_000L + BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 4));
        return (Time(starts[0]), Time(starts[^2]));
    }

    private static byte[] Read(string pcap)
    {
        byte[] bytes = File.ReadAllBytes(pcap);
        if (BinaryPrimitives.ReadUInt32LittleEndian(bytes) != 0xA1B2C3D4)
        {
            throw new ArgumentException($"{pcap}: not a little-endian microsecond pcap", nameof(pcap));
        }
        return bytes;
    }

    // The start of every record, and the end of the file last.
    private static List<int> RecordStarts(byte[] bytes)
    {
        var starts = new List<int>();
        int at = FileHeader;
        while (at + RecordHeader <= bytes.Length)
        {
            starts.Add(at);
            at += RecordHeader + (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 8));
        }
        starts.Add(bytes.Length);
        return starts;
    }
}
