using System.Buffers.Binary;

namespace TcpLens.Capture.Tests.Decoding;

/// <summary>Builds frames byte by byte for decoder tests: a TCP header, wrapped in IP, wrapped in a link layer.</summary>
internal static class PacketBytes
{
    public static byte[] Tcp(ushort sport = 40000, ushort dport = 443, uint seq = 1000, uint ack = 2000,
        byte flags = 0x18, ushort window = 502, byte[]? options = null, int payload = 0)
    {
        byte[] opts = options ?? [];
        int headerLength = 20 + opts.Length;
        var tcp = new byte[headerLength + payload];
        BinaryPrimitives.WriteUInt16BigEndian(tcp, sport);
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(2), dport);
        BinaryPrimitives.WriteUInt32BigEndian(tcp.AsSpan(4), seq);
        BinaryPrimitives.WriteUInt32BigEndian(tcp.AsSpan(8), ack);
        tcp[12] = (byte)((headerLength / 4) << 4);
        tcp[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(14), window);
        opts.CopyTo(tcp, 20);
        for (int i = 0; i < payload; i++)
        {
            tcp[headerLength + i] = (byte)i;
        }
        return tcp;
    }

    public static byte[] Ipv4(byte[] payload, byte protocol = 6, ushort id = 0x1234, ushort fragment = 0x4000,
        byte[]? options = null, uint src = 0x0A000001, uint dst = 0x0A000002, int? totalLength = null)
    {
        byte[] opts = options ?? [];
        int headerLength = 20 + opts.Length;
        var ip = new byte[headerLength + payload.Length];
        ip[0] = (byte)(0x40 | (headerLength / 4));
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(2), (ushort)(totalLength ?? ip.Length));
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(4), id);
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(6), fragment);
        ip[8] = 64;
        ip[9] = protocol;
        BinaryPrimitives.WriteUInt32BigEndian(ip.AsSpan(12), src);
        BinaryPrimitives.WriteUInt32BigEndian(ip.AsSpan(16), dst);
        opts.CopyTo(ip, 20);
        payload.CopyTo(ip, headerLength);
        return ip;
    }

    /// <summary>IPv6 with extension headers given as (type, bytes) in order; the last next-header is <paramref name="protocol"/>.</summary>
    public static byte[] Ipv6(byte[] payload, byte protocol = 6, params (byte Type, byte[] Bytes)[] extensions)
    {
        int extLength = extensions.Sum(e => e.Bytes.Length);
        var ip = new byte[40 + extLength + payload.Length];
        ip[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(4), (ushort)(extLength + payload.Length));
        ip[6] = extensions.Length > 0 ? extensions[0].Type : protocol;
        ip[7] = 64;
        ip[8] = 0x20;
        ip[9] = 0x01;
        ip[23] = 1;
        ip[24] = 0x20;
        ip[25] = 0x01;
        ip[39] = 2;
        int pos = 40;
        for (int i = 0; i < extensions.Length; i++)
        {
            byte[] b = (byte[])extensions[i].Bytes.Clone();
            b[0] = i + 1 < extensions.Length ? extensions[i + 1].Type : protocol;
            b.CopyTo(ip, pos);
            pos += b.Length;
        }
        payload.CopyTo(ip, pos);
        return ip;
    }

    public static byte[] Ethernet(byte[] payload, ushort etherType = 0x0800, params ushort[] vlanTags)
    {
        var frame = new List<byte>(new byte[12]);
        foreach (ushort tpid in vlanTags)
        {
            frame.Add((byte)(tpid >> 8));
            frame.Add((byte)tpid);
            frame.Add(0x00);
            frame.Add(0x64); // VLAN 100
        }
        frame.Add((byte)(etherType >> 8));
        frame.Add((byte)etherType);
        frame.AddRange(payload);
        return [.. frame];
    }

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
