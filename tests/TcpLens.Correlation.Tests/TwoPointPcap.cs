using System.Buffers.Binary;

namespace TcpLens.Correlation.Tests;

/// <summary>
/// Writes a small Ethernet pcap between client 10.0.0.1 (port 40000 unless given) and server 10.0.0.2 (port 80 unless given) for scripted
/// two-point cases: each frame with its time (µs), direction, raw numbers, flags, payload
/// length, IP ID and TTL.
/// </summary>
internal sealed class TwoPointPcap
{
    private readonly MemoryStream _out = new();

    public TwoPointPcap()
    {
        Span<byte> h = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(h, 0xA1B2C3D4);
        BinaryPrimitives.WriteUInt16LittleEndian(h[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(h[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(h[16..], 262_144);
        BinaryPrimitives.WriteUInt32LittleEndian(h[20..], 1);
        _out.Write(h);
    }

    public TwoPointPcap Frame(long micros, bool fromClient, uint seq, uint ack, byte flags, int payload, ushort ipId, byte ttl = 64, ushort clientPort = 40000, ushort serverPort = 80)
    {
        var p = new byte[14 + 20 + 20 + payload];
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(12), 0x0800);
        Span<byte> ip = p.AsSpan(14);
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(40 + payload));
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], ipId);
        ip[6] = 0x40;
        ip[8] = ttl;
        ip[9] = 6;
        BinaryPrimitives.WriteUInt32BigEndian(ip[12..], fromClient ? 0x0A000001u : 0x0A000002u);
        BinaryPrimitives.WriteUInt32BigEndian(ip[16..], fromClient ? 0x0A000002u : 0x0A000001u);
        Span<byte> tcp = ip[20..];
        BinaryPrimitives.WriteUInt16BigEndian(tcp, fromClient ? clientPort : serverPort);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], fromClient ? serverPort : clientPort);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], seq);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], ack);
        tcp[12] = 0x50;
        tcp[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], 65535);
        Span<byte> r = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(r, (uint)(1_700_000_000 + micros / 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(r[4..], (uint)(micros % 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(r[8..], (uint)p.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(r[12..], (uint)p.Length);
        _out.Write(r);
        _out.Write(p);
        return this;
    }

    public string Save(string name)
    {
        string dir = Path.Combine(Path.GetTempPath(), "tcplens-correlation-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, name);
        File.WriteAllBytes(path, _out.ToArray());
        return path;
    }
}
