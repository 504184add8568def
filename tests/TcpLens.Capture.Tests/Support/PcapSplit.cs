using System.Buffers.Binary;

namespace TcpLens.Capture.Tests.Support;

/// <summary>Cuts a little-endian pcap in two at a record boundary, the way tcpdump -C rotates files.</summary>
public static class PcapSplit
{
    /// <summary>Writes <paramref name="first"/> and <paramref name="second"/> (each with the file header); the cut is the first record boundary past half the file.</summary>
    public static void Split(string pcap, string first, string second)
    {
        byte[] bytes = File.ReadAllBytes(pcap);
        if (BinaryPrimitives.ReadUInt32LittleEndian(bytes) != 0xA1B2C3D4)
        {
            throw new ArgumentException($"{pcap}: not a little-endian microsecond pcap", nameof(pcap));
        }
        int at = 24;
        while (at < bytes.Length / 2)
        {
            at += 16 + (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 8));
        }
        File.WriteAllBytes(first, bytes[..at]);
        File.WriteAllBytes(second, [.. bytes[..24], .. bytes[at..]]);
    }
}
