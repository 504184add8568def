using System.Buffers.Binary;
using System.IO.Compression;
using System.Numerics;
using System.Text;

namespace TcpLens.Capture.Tests.Support;

/// <summary>A frame a built capture must yield, as Wireshark would show it.</summary>
/// <param name="Number">1-based frame number (every packet record counts).</param>
/// <param name="Offset">Offset of the record or block header in the file.</param>
/// <param name="Interface">Global interface index (across pcapng sections).</param>
/// <param name="Time">Timestamp, or null for a pcapng simple packet block (which has none).</param>
public sealed record BuiltFrame(long Number, long Offset, int Interface, LinkType LinkType, Timestamp? Time,
    int OriginalLength, byte[] Data);

/// <summary>One record (pcap) or block (pcapng) written, with where it is; file headers are not blocks.</summary>
public readonly record struct BuiltBlock(long Offset, int Length, uint Type, bool IsFrame)
{
    public long End => Offset + Length;
}

/// <summary>pcap magic numbers: microseconds, nanoseconds, and Kuznetzov's modified format (8 more header bytes).</summary>
public enum PcapMagic : uint
{
    Microseconds = 0xA1B2C3D4,
    Nanoseconds = 0xA1B23C4D,
    Modified = 0xA1B2CD34,
}

/// <summary>A pcapng option: code and value; the writer adds the padding.</summary>
public readonly record struct NgOption(ushort Code, byte[] Value)
{
    public static NgOption Comment(string text) => new(1, Encoding.UTF8.GetBytes(text));
}

/// <summary>
/// Synthesises pcap and pcapng captures in memory for reader tests, and records the frames and
/// block boundaries the reader must find. Timestamps expected from pcapng ticks are computed
/// with exact big-integer arithmetic (whole seconds + truncated nanoseconds + if_tsoffset).
/// </summary>
public static class CaptureBuilder
{
    public const uint SectionHeaderType = 0x0A0D0D0A;
    public const uint InterfaceType = 1;
    public const uint ObsoletePacketType = 2;
    public const uint SimplePacketType = 3;
    public const uint NameResolutionType = 4;
    public const uint InterfaceStatisticsType = 5;
    public const uint EnhancedPacketType = 6;
    public const uint DecryptionSecretsType = 0x0A;
    public const uint CustomCopyType = 0x00000BAD;
    public const uint CustomNoCopyType = 0x40000BAD;

    public static PcapBuilder Pcap(bool bigEndian = false, PcapMagic magic = PcapMagic.Microseconds,
        uint snapLength = 262_144, uint linkType = 1, ushort major = 2, ushort minor = 4) =>
        new(bigEndian, magic, snapLength, linkType, major, minor);

    public static PcapNgBuilder PcapNg() => new();

    /// <summary>
    /// An Ethernet/IPv4/TCP frame (10.0.0.1:<paramref name="sourcePort"/> → 10.0.0.2:80, ACK|PSH) with
    /// <paramref name="payload"/> bytes of data; the source port tells frames apart.
    /// </summary>
    public static byte[] TcpPacket(ushort sourcePort, int payload = 10, uint sequence = 1000) =>
        [.. EthernetHeader(0x0800), .. Ipv4Tcp(sourcePort, payload, sequence)];

    /// <summary>The IPv4/TCP part alone, for raw-IP link types.</summary>
    public static byte[] Ipv4Tcp(ushort sourcePort, int payload = 10, uint sequence = 1000)
    {
        var p = new byte[40 + payload];
        p[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(2), (ushort)p.Length);
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(4), sourcePort);
        p[6] = 0x40;
        p[8] = 64;
        p[9] = 6;
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(12), 0x0A000001);
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(16), 0x0A000002);
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(20), sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(22), 80);
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(24), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(28), 1);
        p[32] = 0x50;
        p[33] = 0x18;
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(34), 1000);
        for (int i = 0; i < payload; i++)
        {
            p[40 + i] = (byte)(sourcePort + i);
        }
        return p;
    }

    /// <summary>A Linux cooked (SLL v1) header for an IPv4 packet sent by us.</summary>
    public static byte[] SllIpv4Tcp(ushort sourcePort, int payload = 10)
    {
        var sll = new byte[16];
        BinaryPrimitives.WriteUInt16BigEndian(sll.AsSpan(0), 4);
        BinaryPrimitives.WriteUInt16BigEndian(sll.AsSpan(2), 1);
        BinaryPrimitives.WriteUInt16BigEndian(sll.AsSpan(4), 6);
        BinaryPrimitives.WriteUInt16BigEndian(sll.AsSpan(14), 0x0800);
        return [.. sll, .. Ipv4Tcp(sourcePort, payload)];
    }

    private static byte[] EthernetHeader(ushort etherType)
    {
        var e = new byte[14];
        e[0] = 0x02;
        e[5] = 0x02;
        e[6] = 0x02;
        e[11] = 0x01;
        BinaryPrimitives.WriteUInt16BigEndian(e.AsSpan(12), etherType);
        return e;
    }

    /// <summary>gzip-compresses <paramref name="data"/> as one member.</summary>
    public static byte[] Gzip(ReadOnlySpan<byte> data)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        {
            gz.Write(data);
        }
        return ms.ToArray();
    }

    /// <summary>zstd-compresses <paramref name="data"/> as one frame.</summary>
    public static byte[] Zstd(ReadOnlySpan<byte> data)
    {
        using var compressor = new ZstdSharp.Compressor(3);
        return compressor.Wrap(data).ToArray();
    }

    /// <summary>Whole seconds, truncated nanoseconds, plus the offset: the rule of the pcapng spec and Wireshark.</summary>
    public static Timestamp TicksToTime(ulong ticks, byte? tsresol, long tsoffset)
    {
        BigInteger perSecond = tsresol is not { } r
            ? 1_000_000
            : (r & 0x80) != 0 ? BigInteger.One << (r & 0x7F) : BigInteger.Pow(10, r & 0x7F);
        BigInteger seconds = BigInteger.DivRem(ticks, perSecond, out BigInteger rest);
        return new Timestamp((long)(seconds + tsoffset), (int)(rest * 1_000_000_000 / perSecond));
    }
}

/// <summary>Writes little- or big-endian integers to a growing buffer.</summary>
public sealed class ByteWriter(bool bigEndian)
{
    private readonly MemoryStream _ms = new();

    public bool BigEndian => bigEndian;

    public long Length => _ms.Length;

    public ByteWriter U8(byte v)
    {
        _ms.WriteByte(v);
        return this;
    }

    public ByteWriter U16(ushort v)
    {
        Span<byte> b = stackalloc byte[2];
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(b, v);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(b, v);
        }
        _ms.Write(b);
        return this;
    }

    public ByteWriter U32(uint v)
    {
        Span<byte> b = stackalloc byte[4];
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(b, v);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        }
        _ms.Write(b);
        return this;
    }

    public ByteWriter U64(ulong v)
    {
        Span<byte> b = stackalloc byte[8];
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt64BigEndian(b, v);
        }
        else
        {
            BinaryPrimitives.WriteUInt64LittleEndian(b, v);
        }
        _ms.Write(b);
        return this;
    }

    public ByteWriter Bytes(ReadOnlySpan<byte> b)
    {
        _ms.Write(b);
        return this;
    }

    /// <summary>Writes the bytes and zero padding up to a multiple of 4.</summary>
    public ByteWriter Padded(ReadOnlySpan<byte> b)
    {
        _ms.Write(b);
        for (int i = b.Length; i % 4 != 0; i++)
        {
            _ms.WriteByte(0);
        }
        return this;
    }

    public byte[] ToArray() => _ms.ToArray();
}

/// <summary>Common bookkeeping: the bytes, the frames expected and the block boundaries.</summary>
public abstract class BuiltCapture
{
    private protected readonly MemoryStream Out = new();
    private readonly List<BuiltFrame> _frames = [];
    private readonly List<BuiltBlock> _blocks = [];

    /// <summary>Frames the reader must deliver, in order.</summary>
    public IReadOnlyList<BuiltFrame> Frames => _frames;

    /// <summary>Records or blocks after the file header, in order.</summary>
    public IReadOnlyList<BuiltBlock> Blocks => _blocks;

    /// <summary>Length of the part a reader must see before it accepts the file (pcap header, first SHB).</summary>
    public long HeaderLength { get; private protected set; }

    public byte[] ToArray() => Out.ToArray();

    private protected void Append(byte[] bytes, uint type, bool isHeader = false)
    {
        long offset = Out.Length;
        Out.Write(bytes);
        if (isHeader)
        {
            HeaderLength = Out.Length;
            return;
        }
        _blocks.Add(new BuiltBlock(offset, bytes.Length, type, false));
    }

    private protected void AppendFrame(byte[] bytes, uint type, int iface, LinkType linkType, Timestamp? time,
        int originalLength, byte[] data)
    {
        long offset = Out.Length;
        Out.Write(bytes);
        _blocks.Add(new BuiltBlock(offset, bytes.Length, type, true));
        _frames.Add(new BuiltFrame(_frames.Count + 1, offset, iface, linkType, time, originalLength, data));
    }
}

/// <summary>A classic pcap file.</summary>
public sealed class PcapBuilder : BuiltCapture
{
    private readonly bool _bigEndian;
    private readonly PcapMagic _magic;
    private readonly LinkType _linkType;

    internal PcapBuilder(bool bigEndian, PcapMagic magic, uint snapLength, uint linkType, ushort major, ushort minor)
    {
        _bigEndian = bigEndian;
        _magic = magic;
        _linkType = (LinkType)(ushort)linkType;
        var w = new ByteWriter(bigEndian);
        w.U32((uint)magic).U16(major).U16(minor).U32(0).U32(0).U32(snapLength).U32(linkType);
        Append(w.ToArray(), 0, isHeader: true);
    }

    /// <summary>
    /// A record. <paramref name="fraction"/> is in µs or ns as the magic says; Wireshark multiplies
    /// microseconds by 1000 in 32 bits and never carries into the seconds.
    /// </summary>
    public PcapBuilder Record(uint seconds, uint fraction, byte[] data, uint? originalLength = null)
    {
        var w = new ByteWriter(_bigEndian);
        uint original = originalLength ?? (uint)data.Length;
        w.U32(seconds).U32(fraction).U32((uint)data.Length).U32(original);
        if (_magic == PcapMagic.Modified)
        {
            w.U32(2).U16(0x0800).U8(0).U8(0); // ifindex, protocol, packet type, padding
        }
        w.Bytes(data);
        int nanos = _magic == PcapMagic.Nanoseconds ? unchecked((int)fraction) : unchecked((int)(fraction * 1000u));
        AppendFrame(w.ToArray(), 0, 0, _linkType, new Timestamp(seconds, nanos),
            original > int.MaxValue ? int.MaxValue : (int)original, data);
        return this;
    }

    /// <summary>Bytes appended as they are (for damage).</summary>
    public PcapBuilder Raw(byte[] bytes)
    {
        Out.Write(bytes);
        return this;
    }
}

/// <summary>A pcapng file built block by block; each section sets its own byte order.</summary>
public sealed class PcapNgBuilder : BuiltCapture
{
    private readonly List<Iface> _sectionInterfaces = [];
    private int _globalInterfaces;
    private bool _bigEndian;
    private bool _haveSection;

    private readonly record struct Iface(int Global, LinkType LinkType, uint SnapLength, byte? TsResol, long TsOffset);

    internal PcapNgBuilder()
    {
    }

    private ByteWriter Writer() => new(_bigEndian);

    /// <summary>A section header block; <paramref name="endOfOptions"/> false omits opt_endofopt (allowed by the spec).</summary>
    public PcapNgBuilder Section(bool bigEndian = false, ushort major = 1, ushort minor = 0, long sectionLength = -1,
        IEnumerable<NgOption>? options = null, bool endOfOptions = true)
    {
        _bigEndian = bigEndian;
        _sectionInterfaces.Clear();
        var body = Writer();
        body.U32(0x1A2B3C4D).U16(major).U16(minor).U64((ulong)sectionLength);
        WriteOptions(body, options ?? [new NgOption(4, Encoding.UTF8.GetBytes("tcplens CaptureBuilder"))], endOfOptions);
        byte[] block = BlockBytes(CaptureBuilder.SectionHeaderType, body.ToArray());
        Append(block, CaptureBuilder.SectionHeaderType, isHeader: !_haveSection);
        _haveSection = true;
        return this;
    }

    /// <summary>An interface description block; <paramref name="tsresol"/> is the raw if_tsresol byte (0x80 bit = power of 2).</summary>
    public PcapNgBuilder Interface(ushort linkType, uint snapLength = 0, byte? tsresol = null, long? tsoffset = null,
        string? name = null, IEnumerable<NgOption>? options = null)
    {
        var body = Writer();
        body.U16(linkType).U16(0).U32(snapLength);
        var opts = new List<NgOption>();
        if (name is not null)
        {
            opts.Add(new NgOption(2, Encoding.UTF8.GetBytes(name)));
        }
        if (tsresol is { } r)
        {
            opts.Add(new NgOption(9, [r]));
        }
        if (tsoffset is { } o)
        {
            opts.Add(new NgOption(14, Writer().U64((ulong)o).ToArray()));
        }
        opts.AddRange(options ?? []);
        WriteOptions(body, opts, endOfOptions: opts.Count > 0);
        Append(BlockBytes(CaptureBuilder.InterfaceType, body.ToArray()), CaptureBuilder.InterfaceType);
        _sectionInterfaces.Add(new Iface(_globalInterfaces++, (LinkType)linkType, snapLength, tsresol, tsoffset ?? 0));
        return this;
    }

    public PcapNgBuilder Interface(LinkType linkType, uint snapLength = 0, byte? tsresol = null, long? tsoffset = null,
        string? name = null, IEnumerable<NgOption>? options = null) =>
        Interface((ushort)linkType, snapLength, tsresol, tsoffset, name, options);

    /// <summary>An enhanced packet block on section-local interface <paramref name="iface"/>.</summary>
    public PcapNgBuilder Enhanced(int iface, ulong ticks, byte[] data, uint? originalLength = null,
        IEnumerable<NgOption>? options = null)
    {
        var body = Writer();
        uint original = originalLength ?? (uint)data.Length;
        body.U32((uint)iface).U32((uint)(ticks >> 32)).U32((uint)ticks).U32((uint)data.Length).U32(original);
        body.Padded(data);
        WriteOptions(body, options, endOfOptions: options is not null);
        AddPacket(CaptureBuilder.EnhancedPacketType, body.ToArray(), iface, ticks, original, data);
        return this;
    }

    /// <summary>An obsolete packet block (type 2): 16-bit interface id and drop count.</summary>
    public PcapNgBuilder Obsolete(ushort iface, ulong ticks, byte[] data, uint? originalLength = null, ushort drops = 0)
    {
        var body = Writer();
        uint original = originalLength ?? (uint)data.Length;
        body.U16(iface).U16(drops).U32((uint)(ticks >> 32)).U32((uint)ticks).U32((uint)data.Length).U32(original);
        body.Padded(data);
        AddPacket(CaptureBuilder.ObsoletePacketType, body.ToArray(), iface, ticks, original, data);
        return this;
    }

    /// <summary>
    /// A simple packet block for a packet of <paramref name="wire"/> bytes on the wire, on the section's
    /// first interface: it stores only the original length, and the data cut to that interface's snap
    /// length (0 = no limit). It has no timestamp.
    /// </summary>
    public PcapNgBuilder Simple(byte[] wire)
    {
        Iface first = _sectionInterfaces[0];
        int captured = first.SnapLength == 0 ? wire.Length : (int)Math.Min(first.SnapLength, (uint)wire.Length);
        byte[] data = wire[..captured];
        byte[] body = Writer().U32((uint)wire.Length).Padded(data).ToArray();
        AppendFrame(BlockBytes(CaptureBuilder.SimplePacketType, body), CaptureBuilder.SimplePacketType, first.Global,
            first.LinkType, null, wire.Length, data);
        return this;
    }

    /// <summary>A name resolution block with IPv4 (4-byte) and IPv6 (16-byte) address records.</summary>
    public PcapNgBuilder NameResolution(IEnumerable<(byte[] Address, string Name)> records, IEnumerable<NgOption>? options = null)
    {
        var body = Writer();
        foreach (var (address, name) in records)
        {
            byte[] value = [.. address, .. Encoding.UTF8.GetBytes(name), 0];
            body.U16(address.Length == 16 ? (ushort)2 : (ushort)1).U16((ushort)value.Length).Padded(value);
        }
        body.U32(0); // nrb_record_end
        WriteOptions(body, options, endOfOptions: options is not null);
        Append(BlockBytes(CaptureBuilder.NameResolutionType, body.ToArray()), CaptureBuilder.NameResolutionType);
        return this;
    }

    /// <summary>An interface statistics block with isb_starttime, isb_endtime, isb_ifrecv and isb_ifdrop.</summary>
    public PcapNgBuilder InterfaceStatistics(int iface, ulong ticks, ulong received, ulong dropped)
    {
        var body = Writer();
        body.U32((uint)iface).U32((uint)(ticks >> 32)).U32((uint)ticks);
        byte[] Ts(ulong t) => Writer().U32((uint)(t >> 32)).U32((uint)t).ToArray();
        WriteOptions(body,
        [
            new NgOption(2, Ts(ticks - 1)),
            new NgOption(3, Ts(ticks)),
            new NgOption(4, Writer().U64(received).ToArray()),
            new NgOption(5, Writer().U64(dropped).ToArray()),
            NgOption.Comment("stats"),
        ], endOfOptions: true);
        Append(BlockBytes(CaptureBuilder.InterfaceStatisticsType, body.ToArray()), CaptureBuilder.InterfaceStatisticsType);
        return this;
    }

    /// <summary>A decryption secrets block (type 0x0A); 0x544c534b is a TLS key log.</summary>
    public PcapNgBuilder DecryptionSecrets(byte[] secrets, uint secretsType = 0x544C534B)
    {
        byte[] body = Writer().U32(secretsType).U32((uint)secrets.Length).Padded(secrets).ToArray();
        Append(BlockBytes(CaptureBuilder.DecryptionSecretsType, body), CaptureBuilder.DecryptionSecretsType);
        return this;
    }

    /// <summary>A custom block (0x00000BAD copyable, 0x40000BAD not) with a private enterprise number.</summary>
    public PcapNgBuilder Custom(bool copyable, byte[] data, uint enterprise = 32473)
    {
        uint type = copyable ? CaptureBuilder.CustomCopyType : CaptureBuilder.CustomNoCopyType;
        Append(BlockBytes(type, Writer().U32(enterprise).Padded(data).ToArray()), type);
        return this;
    }

    /// <summary>Any block with the given body (unknown types, damage).</summary>
    public PcapNgBuilder Block(uint type, byte[] body, uint? totalLength = null, uint? trailingLength = null)
    {
        Append(BlockBytes(type, body, totalLength, trailingLength), type);
        return this;
    }

    /// <summary>Bytes appended as they are.</summary>
    public PcapNgBuilder Raw(byte[] bytes)
    {
        Out.Write(bytes);
        return this;
    }

    private void AddPacket(uint type, byte[] body, int iface, ulong ticks, uint original, byte[] data)
    {
        Iface i = _sectionInterfaces[iface];
        AppendFrame(BlockBytes(type, body), type, i.Global, i.LinkType, CaptureBuilder.TicksToTime(ticks, i.TsResol, i.TsOffset),
            original > int.MaxValue ? int.MaxValue : (int)original, data);
    }

    private byte[] BlockBytes(uint type, byte[] body, uint? totalLength = null, uint? trailingLength = null)
    {
        uint total = (uint)(12 + body.Length);
        return Writer().U32(type).U32(totalLength ?? total).Bytes(body).U32(trailingLength ?? totalLength ?? total).ToArray();
    }

    private static void WriteOptions(ByteWriter w, IEnumerable<NgOption>? options, bool endOfOptions)
    {
        foreach (NgOption o in options ?? [])
        {
            w.U16(o.Code).U16((ushort)o.Value.Length).Padded(o.Value);
        }
        if (endOfOptions)
        {
            w.U32(0);
        }
    }
}

/// <summary>
/// Walks the framing of a plain pcap or pcapng file independently of the reader: where each
/// record or block starts and ends, and which hold packets. Used to know, for any byte offset,
/// which record a cut or a mutation falls in.
/// </summary>
public static class CaptureLayout
{
    /// <summary>Header length and the records/blocks after it, up to the first one that does not fit.</summary>
    public static (long HeaderLength, List<BuiltBlock> Blocks) Walk(ReadOnlySpan<byte> file)
    {
        var blocks = new List<BuiltBlock>();
        if (file.Length < 4)
        {
            return (0, blocks);
        }
        uint magicLe = BinaryPrimitives.ReadUInt32LittleEndian(file);
        uint magicBe = BinaryPrimitives.ReadUInt32BigEndian(file);
        if (magicLe == CaptureBuilder.SectionHeaderType)
        {
            return WalkPcapNg(file, blocks);
        }
        bool bigEndian = magicBe is (uint)PcapMagic.Microseconds or (uint)PcapMagic.Nanoseconds or (uint)PcapMagic.Modified;
        uint magic = bigEndian ? magicBe : magicLe;
        int header = magic == (uint)PcapMagic.Modified ? 24 : 16;
        long pos = 24;
        while (pos + header <= file.Length)
        {
            ReadOnlySpan<byte> h = file[(int)pos..];
            uint captured = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(h[8..]) : BinaryPrimitives.ReadUInt32LittleEndian(h[8..]);
            long end = pos + header + captured;
            if (end > file.Length)
            {
                break;
            }
            blocks.Add(new BuiltBlock(pos, (int)(end - pos), 0, true));
            pos = end;
        }
        return (24, blocks);
    }

    private static (long, List<BuiltBlock>) WalkPcapNg(ReadOnlySpan<byte> file, List<BuiltBlock> blocks)
    {
        long header = 0;
        long pos = 0;
        bool bigEndian = false;
        while (pos + 12 <= file.Length)
        {
            ReadOnlySpan<byte> b = file[(int)pos..];
            uint type = BinaryPrimitives.ReadUInt32LittleEndian(b);
            if (type == CaptureBuilder.SectionHeaderType)
            {
                bigEndian = BinaryPrimitives.ReadUInt32BigEndian(b[8..]) == 0x1A2B3C4D;
            }
            else
            {
                type = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b);
            }
            uint length = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b[4..]) : BinaryPrimitives.ReadUInt32LittleEndian(b[4..]);
            if (length < 12 || pos + length > file.Length)
            {
                break;
            }
            if (pos == 0)
            {
                header = length;
            }
            else
            {
                bool isFrame = type is CaptureBuilder.EnhancedPacketType or CaptureBuilder.SimplePacketType or CaptureBuilder.ObsoletePacketType;
                blocks.Add(new BuiltBlock(pos, (int)length, type, isFrame));
            }
            pos += length;
        }
        return (header, blocks);
    }
}
