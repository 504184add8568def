using System.Buffers.Binary;
using System.Text;

namespace TcpLens.Capture.Files;

/// <summary>
/// pcapng: a sequence of sections, each a Section Header Block (which sets the byte order)
/// followed by Interface Description Blocks and packet blocks. Every block is
/// <c>type, total length, body, total length</c>; blocks tcplens has no use for are skipped whole.
/// </summary>
internal sealed class PcapNgFormat : FormatReader
{
    public const uint SectionHeaderBlock = 0x0A0D0D0A;
    private const uint InterfaceDescriptionBlock = 1;
    private const uint ObsoletePacketBlock = 2;
    private const uint SimplePacketBlock = 3;
    private const uint EnhancedPacketBlock = 6;
    private const uint ByteOrderMagic = 0x1A2B3C4D;
    private const int MinBlockLength = 12;

    // Wireshark's own ceiling on a block (room for its largest packet type plus options).
    public const int MaxBlockLength = 128 * 1024 * 1024 + 131_072;

    private const ushort OptEndOfOptions = 0;
    private const ushort OptIfName = 2;
    private const ushort OptIfTsResol = 9;
    private const ushort OptIfTsOffset = 14;

    private readonly List<Interface> _sectionInterfaces = [];
    private bool _bigEndian;
    private int _section = -1;

    private readonly record struct Interface(int GlobalIndex, LinkType LinkType, int SnapLength,
        ulong TicksPerSecond, bool Binary, long OffsetSeconds);

    public bool BigEndian => _bigEndian;

    public static bool IsMagic(ReadOnlySpan<byte> head) =>
        head.Length >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(head) == SectionHeaderBlock;

    public override ReadStatus ReadNext(ByteWindow window, ref RawRecord record)
    {
        if (!window.Ensure(8))
        {
            return window.Available == 0
                ? ReadStatus.End
                : Fail(CaptureErrorKind.Truncated, $"block header cut short ({window.Available} of 8 bytes)");
        }
        ReadOnlySpan<byte> head = window.Span;
        uint type = BinaryPrimitives.ReadUInt32LittleEndian(head);
        if (type == SectionHeaderBlock)
        {
            // The byte order of a new section is known only from its byte-order magic.
            if (!window.Ensure(12))
            {
                return Fail(CaptureErrorKind.Truncated, "section header block cut short before its byte-order magic");
            }
            uint bom = BinaryPrimitives.ReadUInt32LittleEndian(window.Span[8..]);
            if (bom == ByteOrderMagic)
            {
                _bigEndian = false;
            }
            else if (BinaryPrimitives.ReverseEndianness(bom) == ByteOrderMagic)
            {
                _bigEndian = true;
            }
            else
            {
                return Fail(CaptureErrorKind.Corrupt, $"section header block has byte-order magic 0x{bom:x8}");
            }
            head = window.Span;
        }
        else if (_section < 0)
        {
            return Fail(CaptureErrorKind.Corrupt, "file does not start with a section header block");
        }
        else
        {
            type = U32(head);
        }
        uint length = U32(head[4..]);
        if (length < MinBlockLength || length % 4 != 0)
        {
            return Fail(CaptureErrorKind.Corrupt, $"block of type 0x{type:x} has invalid total length {length}");
        }
        if (length > MaxBlockLength)
        {
            return Fail(CaptureErrorKind.Corrupt, $"block of type 0x{type:x} claims {length} bytes, more than the {MaxBlockLength}-byte maximum");
        }
        if (!window.Ensure((int)length))
        {
            return Fail(CaptureErrorKind.Truncated,
                $"block of type 0x{type:x} claims {length} bytes, only {window.Available} remain");
        }
        ReadOnlySpan<byte> block = window.Span[..(int)length];
        if (U32(block[^4..]) != length)
        {
            return Fail(CaptureErrorKind.Corrupt,
                $"block of type 0x{type:x} has trailing length {U32(block[^4..])}, leading length {length}");
        }
        ReadOnlySpan<byte> body = block[8..^4];
        return type switch
        {
            SectionHeaderBlock => ReadSectionHeader(window, body, (int)length),
            InterfaceDescriptionBlock => ReadInterface(window, body, (int)length),
            EnhancedPacketBlock => ReadEnhancedPacket(body, (int)length, ref record),
            SimplePacketBlock => ReadSimplePacket(body, (int)length, ref record),
            ObsoletePacketBlock => ReadObsoletePacket(body, (int)length, ref record),
            _ => Skip(window, (int)length),
        };
    }

    private static ReadStatus Skip(ByteWindow window, int length)
    {
        window.Advance(length);
        return ReadStatus.Skipped;
    }

    private ReadStatus ReadSectionHeader(ByteWindow window, ReadOnlySpan<byte> body, int length)
    {
        if (body.Length < 16)
        {
            return Fail(CaptureErrorKind.Corrupt, $"section header block too short ({length} bytes)");
        }
        ushort major = U16(body[4..]);
        ushort minor = U16(body[6..]);
        // pcapng 1.0 is current; 1.2 was written by some early tools and Wireshark reads it too.
        if (major != 1 || minor is not (0 or 2))
        {
            return Fail(CaptureErrorKind.Unsupported, $"pcapng section version {major}.{minor} is not supported");
        }
        if (!WalkOptions(body[16..], static (_, _, _) => { }, out string? optionError))
        {
            return Fail(CaptureErrorKind.Corrupt, $"section header block: {optionError}");
        }
        _section++;
        _sectionInterfaces.Clear();
        return Skip(window, length);
    }

    private ReadStatus ReadInterface(ByteWindow window, ReadOnlySpan<byte> body, int length)
    {
        if (body.Length < 8)
        {
            return Fail(CaptureErrorKind.Corrupt, $"interface description block too short ({length} bytes)");
        }
        var linkType = (LinkType)U16(body);
        uint snap = U32(body[4..]);
        ulong ticks = 1_000_000;
        bool binary = false;
        long offset = 0;
        string? name = null;
        string? badResolution = null;
        bool ok = WalkOptions(body[8..], (code, value, bigEndian) =>
        {
            switch (code)
            {
                case OptIfTsResol when value.Length >= 1:
                    byte r = value[0];
                    int exponent = r & 0x7F;
                    binary = (r & 0x80) != 0;
                    if (binary ? exponent > 63 : exponent > 19)
                    {
                        badResolution = $"if_tsresol 0x{r:x2} is out of range";
                        return;
                    }
                    ticks = binary ? 1UL << exponent : Pow10(exponent);
                    break;
                case OptIfTsOffset when value.Length >= 8:
                    offset = bigEndian ? BinaryPrimitives.ReadInt64BigEndian(value) : BinaryPrimitives.ReadInt64LittleEndian(value);
                    break;
                case OptIfName:
                    name = Encoding.UTF8.GetString(value).TrimEnd('\0');
                    break;
            }
        }, out string? optionError);
        if (!ok)
        {
            return Fail(CaptureErrorKind.Corrupt, $"interface description block: {optionError}");
        }
        if (badResolution is not null)
        {
            return Fail(CaptureErrorKind.Unsupported, $"interface description block: {badResolution}");
        }
        int global = Interfaces.Count;
        int snapLength = snap > int.MaxValue ? int.MaxValue : (int)snap;
        _sectionInterfaces.Add(new Interface(global, linkType, snapLength, ticks, binary, offset));
        Interfaces.Add(new InterfaceInfo(global, _section, linkType, snapLength, name,
            ticks > long.MaxValue ? long.MaxValue : (long)ticks, offset));
        return Skip(window, length);
    }

    private ReadStatus ReadEnhancedPacket(ReadOnlySpan<byte> body, int length, ref RawRecord record)
    {
        if (body.Length < 20)
        {
            return Fail(CaptureErrorKind.Corrupt, $"enhanced packet block too short ({length} bytes)");
        }
        return Packet(U32(body), U32(body[4..]), U32(body[8..]), U32(body[12..]), U32(body[16..]),
            body.Length - 20, 8 + 20, length, "enhanced", ref record);
    }

    private ReadStatus ReadObsoletePacket(ReadOnlySpan<byte> body, int length, ref RawRecord record)
    {
        if (body.Length < 20)
        {
            return Fail(CaptureErrorKind.Corrupt, $"packet block too short ({length} bytes)");
        }
        return Packet(U16(body), U32(body[4..]), U32(body[8..]), U32(body[12..]), U32(body[16..]),
            body.Length - 20, 8 + 20, length, "obsolete packet", ref record);
    }

    private ReadStatus ReadSimplePacket(ReadOnlySpan<byte> body, int length, ref RawRecord record)
    {
        if (body.Length < 4)
        {
            return Fail(CaptureErrorKind.Corrupt, $"simple packet block too short ({length} bytes)");
        }
        if (_sectionInterfaces.Count == 0)
        {
            return Fail(CaptureErrorKind.Corrupt, "simple packet block before any interface description block");
        }
        Interface iface = _sectionInterfaces[0];
        uint original = U32(body);
        // A simple packet carries no captured length: it is the original length cut to the snap
        // length (0 = no limit). Like Wireshark, a block too small to hold that many bytes is
        // damage, not a shorter packet.
        long captured = original;
        if (iface.SnapLength > 0)
        {
            captured = Math.Min(captured, iface.SnapLength);
        }
        if (captured > PcapFormat.MaxRecordLength)
        {
            return Fail(CaptureErrorKind.Corrupt,
                $"simple packet block claims {captured} captured bytes, more than the {PcapFormat.MaxRecordLength}-byte maximum");
        }
        if (captured > body.Length - 4)
        {
            return Fail(CaptureErrorKind.Corrupt,
                $"simple packet block claims {captured} captured bytes, only {body.Length - 4} fit in the block");
        }
        record.Time = default;
        record.HasTime = false;
        record.LinkType = iface.LinkType;
        record.InterfaceIndex = iface.GlobalIndex;
        record.OriginalLength = original > int.MaxValue ? int.MaxValue : (int)original;
        record.CapturedLength = (int)captured;
        record.DataOffset = 12;
        record.RecordLength = length;
        Interfaces[iface.GlobalIndex].Frames++;
        return ReadStatus.Frame;
    }

    private ReadStatus Packet(uint interfaceId, uint tsHigh, uint tsLow, uint captured, uint original,
        int room, int dataOffset, int length, string kind, ref RawRecord record)
    {
        if (interfaceId >= (uint)_sectionInterfaces.Count)
        {
            return Fail(CaptureErrorKind.Corrupt,
                $"{kind} block names interface {interfaceId}, but the section has {_sectionInterfaces.Count}");
        }
        // Wireshark's ceiling on a packet (WTAP_MAX_PACKET_SIZE_STANDARD), as for pcap records.
        if (captured > PcapFormat.MaxRecordLength)
        {
            return Fail(CaptureErrorKind.Corrupt,
                $"{kind} block claims {captured} captured bytes, more than the {PcapFormat.MaxRecordLength}-byte maximum");
        }
        if (captured > (uint)room)
        {
            return Fail(CaptureErrorKind.Corrupt,
                $"{kind} block claims {captured} captured bytes, only {room} fit in the block");
        }
        Interface iface = _sectionInterfaces[(int)interfaceId];
        record.Time = ToTimestamp(((ulong)tsHigh << 32) | tsLow, iface);
        record.HasTime = true;
        record.LinkType = iface.LinkType;
        record.InterfaceIndex = iface.GlobalIndex;
        record.OriginalLength = original > int.MaxValue ? int.MaxValue : (int)original;
        record.CapturedLength = (int)captured;
        record.DataOffset = dataOffset;
        record.RecordLength = length;
        Interfaces[iface.GlobalIndex].Frames++;
        return ReadStatus.Frame;
    }

    private static Timestamp ToTimestamp(ulong ticks, in Interface iface)
    {
        ulong perSecond = iface.TicksPerSecond;
        ulong seconds = ticks / perSecond;
        ulong rest = ticks % perSecond;
        long nanos;
        if (perSecond == 1_000_000)
        {
            nanos = (long)rest * 1000;
        }
        else if (!iface.Binary && perSecond <= 1_000_000_000)
        {
            nanos = (long)(rest * (1_000_000_000 / perSecond));
        }
        else
        {
            nanos = (long)((UInt128)rest * 1_000_000_000 / perSecond);
        }
        return new Timestamp((long)seconds + iface.OffsetSeconds, (int)nanos);
    }

    private static ulong Pow10(int exponent)
    {
        ulong v = 1;
        for (int i = 0; i < exponent; i++)
        {
            v *= 10;
        }
        return v;
    }

    private delegate void OptionVisitor(ushort code, ReadOnlySpan<byte> value, bool bigEndian);

    // Options are (code, length, value padded to 4) until opt_endofopt or the end of the block.
    private bool WalkOptions(ReadOnlySpan<byte> options, OptionVisitor visit, out string? error)
    {
        error = null;
        int pos = 0;
        while (pos + 4 <= options.Length)
        {
            ushort code = U16(options[pos..]);
            ushort len = U16(options[(pos + 2)..]);
            if (code == OptEndOfOptions)
            {
                return true;
            }
            int padded = (len + 3) & ~3;
            if (pos + 4 + padded > options.Length)
            {
                error = $"option {code} claims {len} bytes, only {options.Length - pos - 4} remain in the block";
                return false;
            }
            visit(code, options.Slice(pos + 4, len), _bigEndian);
            pos += 4 + padded;
        }
        return true;
    }

    private ushort U16(ReadOnlySpan<byte> s) =>
        _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s);

    private uint U32(ReadOnlySpan<byte> s) =>
        _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);
}
