using System.Buffers.Binary;
using System.Text;

namespace TcpLens.Capture.Tests.Support;

/// <summary>A packet to write: interface, raw timestamp ticks (units of the interface), original length and bytes.</summary>
public sealed record SyntheticPacket(int Interface, ulong Ticks, byte[] Data, int? OriginalLength = null);

/// <summary>Writes pcap and pcapng files in memory for reader tests, in either byte order.</summary>
public static class SyntheticCaptures
{
    /// <summary>A classic pcap file; <paramref name="magic"/> picks µs, ns or the modified format.</summary>
    public static byte[] Pcap(IEnumerable<(uint Seconds, uint Fraction, byte[] Data, int? Original)> records,
        bool bigEndian = false, uint magic = 0xA1B2C3D4, uint linkType = 1, uint snapLength = 65535)
    {
        var w = new Writer(bigEndian);
        w.U32(magic);
        w.U16(2);
        w.U16(4);
        w.U32(0);
        w.U32(0);
        w.U32(snapLength);
        w.U32(linkType);
        foreach (var r in records)
        {
            w.U32(r.Seconds);
            w.U32(r.Fraction);
            w.U32((uint)r.Data.Length);
            w.U32((uint)(r.Original ?? r.Data.Length));
            if (magic == 0xA1B2CD34)
            {
                w.Bytes(new byte[8]);
            }
            w.Bytes(r.Data);
        }
        return w.ToArray();
    }

    /// <summary>Builds pcapng files block by block.</summary>
    public sealed class PcapNg
    {
        private readonly MemoryStream _out = new();
        private bool _bigEndian;

        public PcapNg Section(bool bigEndian = false, ushort major = 1, ushort minor = 0, byte[]? options = null)
        {
            _bigEndian = bigEndian;
            var body = new Writer(bigEndian);
            body.U32(0x1A2B3C4D);
            body.U16(major);
            body.U16(minor);
            body.U64(ulong.MaxValue);
            body.Bytes(options ?? Options((4, Encoding.UTF8.GetBytes("tcplens tests"))));
            return Block(0x0A0D0D0A, body.ToArray());
        }

        public PcapNg Interface(ushort linkType, uint snapLength = 0, byte? tsresol = null, long? tsoffset = null, string? name = null)
        {
            var body = new Writer(_bigEndian);
            body.U16(linkType);
            body.U16(0);
            body.U32(snapLength);
            var opts = new List<(ushort, byte[])>();
            if (name is not null)
            {
                opts.Add((2, Encoding.UTF8.GetBytes(name)));
            }
            if (tsresol is { } r)
            {
                opts.Add((9, [r]));
            }
            if (tsoffset is { } o)
            {
                var v = new Writer(_bigEndian);
                v.U64((ulong)o);
                opts.Add((14, v.ToArray()));
            }
            body.Bytes(opts.Count > 0 ? Options([.. opts]) : []);
            return Block(1, body.ToArray());
        }

        public PcapNg Enhanced(uint iface, ulong ticks, byte[] data, int? original = null, byte[]? options = null)
        {
            var body = new Writer(_bigEndian);
            body.U32(iface);
            body.U32((uint)(ticks >> 32));
            body.U32((uint)ticks);
            body.U32((uint)data.Length);
            body.U32((uint)(original ?? data.Length));
            body.Bytes(Pad(data));
            body.Bytes(options ?? []);
            return Block(6, body.ToArray());
        }

        public PcapNg Obsolete(ushort iface, ulong ticks, byte[] data)
        {
            var body = new Writer(_bigEndian);
            body.U16(iface);
            body.U16(0);
            body.U32((uint)(ticks >> 32));
            body.U32((uint)ticks);
            body.U32((uint)data.Length);
            body.U32((uint)data.Length);
            body.Bytes(Pad(data));
            return Block(2, body.ToArray());
        }

        public PcapNg Simple(byte[] data, int? original = null)
        {
            var body = new Writer(_bigEndian);
            body.U32((uint)(original ?? data.Length));
            body.Bytes(Pad(data));
            return Block(3, body.ToArray());
        }

        /// <summary>Any other block (name resolution 4, statistics 5, decryption secrets 10, custom 0xBAD...).</summary>
        public PcapNg Other(uint type, int bodyLength = 16)
        {
            var body = new byte[bodyLength];
            for (int i = 0; i < body.Length; i++)
            {
                body[i] = (byte)(i * 7);
            }
            return Block(type, body);
        }

        public PcapNg Raw(byte[] bytes)
        {
            _out.Write(bytes);
            return this;
        }

        public byte[] ToArray() => _out.ToArray();

        private PcapNg Block(uint type, byte[] body)
        {
            var w = new Writer(_bigEndian);
            uint total = (uint)(12 + body.Length);
            w.U32(type);
            w.U32(total);
            w.Bytes(body);
            w.U32(total);
            _out.Write(w.ToArray());
            return this;
        }

        private byte[] Options(params (ushort Code, byte[] Value)[] options)
        {
            var w = new Writer(_bigEndian);
            foreach (var (code, value) in options)
            {
                w.U16(code);
                w.U16((ushort)value.Length);
                w.Bytes(Pad(value));
            }
            w.U32(0);
            return w.ToArray();
        }

        private static byte[] Pad(byte[] data)
        {
            var padded = new byte[(data.Length + 3) & ~3];
            data.CopyTo(padded, 0);
            return padded;
        }
    }

    /// <summary>A minimal Ethernet/IPv4/TCP frame whose source port is <paramref name="tag"/>, so frames can be told apart.</summary>
    public static byte[] TcpFrame(ushort tag, int payload = 10)
    {
        var f = new byte[54 + payload];
        f[12] = 0x08;
        f[14] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(16), (ushort)(40 + payload));
        f[22] = 64;
        f[23] = 6;
        BinaryPrimitives.WriteUInt32BigEndian(f.AsSpan(26), 0x0A000001);
        BinaryPrimitives.WriteUInt32BigEndian(f.AsSpan(30), 0x0A000002);
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(34), tag);
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(36), 80);
        BinaryPrimitives.WriteUInt32BigEndian(f.AsSpan(38), tag * 1000u);
        f[46] = 0x50;
        f[47] = 0x18;
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(48), 1000);
        return f;
    }

    private sealed class Writer(bool bigEndian)
    {
        private readonly MemoryStream _ms = new();

        public void U16(ushort v)
        {
            Span<byte> b = stackalloc byte[2];
            if (bigEndian) { BinaryPrimitives.WriteUInt16BigEndian(b, v); } else { BinaryPrimitives.WriteUInt16LittleEndian(b, v); }
            _ms.Write(b);
        }

        public void U32(uint v)
        {
            Span<byte> b = stackalloc byte[4];
            if (bigEndian) { BinaryPrimitives.WriteUInt32BigEndian(b, v); } else { BinaryPrimitives.WriteUInt32LittleEndian(b, v); }
            _ms.Write(b);
        }

        public void U64(ulong v)
        {
            Span<byte> b = stackalloc byte[8];
            if (bigEndian) { BinaryPrimitives.WriteUInt64BigEndian(b, v); } else { BinaryPrimitives.WriteUInt64LittleEndian(b, v); }
            _ms.Write(b);
        }

        public void Bytes(byte[] b) => _ms.Write(b);

        public byte[] ToArray() => _ms.ToArray();
    }
}
