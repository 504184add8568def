using System.Buffers.Binary;

namespace TcpLens.Capture.Files;

/// <summary>
/// Classic libpcap files: a 24-byte file header, then records of a 16-byte header and the
/// captured bytes. Byte order and timestamp unit come from the magic number.
/// </summary>
internal sealed class PcapFormat : FormatReader
{
    public const uint MagicMicro = 0xA1B2C3D4;
    public const uint MagicNano = 0xA1B23C4D;
    // Alexey Kuznetzov's patched libpcap: 8 more bytes per record (ifindex, protocol, pkt_type).
    public const uint MagicModified = 0xA1B2CD34;
    public const int FileHeaderLength = 24;

    // Wireshark refuses records longer than its largest packet size for ordinary link types
    // (WTAP_MAX_PACKET_SIZE_STANDARD); matching it keeps frame counts equal on corrupt files.
    public const int MaxRecordLength = 262_144;

    private const int RecordHeaderLength = 16;
    private const uint ReservedLinkTypeBits = 0x03FF_0000;

    private readonly bool _bigEndian;
    private readonly bool _nano;
    private readonly int _recordHeaderLength;
    private readonly LinkType _linkType;
    private readonly InterfaceInfo _interface;

    private PcapFormat(bool bigEndian, bool nano, int extraHeader, LinkType linkType, int snapLength)
    {
        _bigEndian = bigEndian;
        _nano = nano;
        _recordHeaderLength = RecordHeaderLength + extraHeader;
        _linkType = linkType;
        _interface = new InterfaceInfo(0, 0, linkType, snapLength, null, nano ? 1_000_000_000 : 1_000_000, 0);
        Interfaces.Add(_interface);
    }

    public bool BigEndian => _bigEndian;

    public bool Nanosecond => _nano;

    /// <summary>True when the first four bytes are a pcap magic number in either byte order.</summary>
    public static bool IsMagic(ReadOnlySpan<byte> head)
    {
        if (head.Length < 4)
        {
            return false;
        }
        uint le = BinaryPrimitives.ReadUInt32LittleEndian(head);
        uint be = BinaryPrimitives.ReadUInt32BigEndian(head);
        return le is MagicMicro or MagicNano or MagicModified || be is MagicMicro or MagicNano or MagicModified;
    }

    /// <summary>Parses the file header; the error text is null on success.</summary>
    public static PcapFormat? TryCreate(ReadOnlySpan<byte> header, out string? error)
    {
        error = null;
        if (header.Length < FileHeaderLength)
        {
            error = $"pcap file header cut short ({header.Length} of {FileHeaderLength} bytes)";
            return null;
        }
        uint magicLe = BinaryPrimitives.ReadUInt32LittleEndian(header);
        bool bigEndian = magicLe is not (MagicMicro or MagicNano or MagicModified);
        uint magic = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(header) : magicLe;
        ushort major = Read16(header[4..], bigEndian);
        ushort minor = Read16(header[6..], bigEndian);
        uint snap = Read32(header[16..], bigEndian);
        uint network = Read32(header[20..], bigEndian);
        if (major < 2)
        {
            error = $"pcap major version {major}.{minor} is not supported (only 2.x)";
            return null;
        }
        if ((network & ReservedLinkTypeBits) != 0)
        {
            error = $"pcap link-type field 0x{network:x8} has reserved bits set";
            return null;
        }
        var linkType = (LinkType)(ushort)network;
        int snapLength = snap > int.MaxValue ? int.MaxValue : (int)snap;
        return new PcapFormat(bigEndian, magic == MagicNano, magic == MagicModified ? 8 : 0, linkType, snapLength);
    }

    public override ReadStatus ReadNext(ByteWindow window, ref RawRecord record)
    {
        if (!window.Ensure(_recordHeaderLength))
        {
            if (window.Available == 0)
            {
                return ReadStatus.End;
            }
            return Fail(CaptureErrorKind.Truncated,
                $"record header cut short ({window.Available} of {_recordHeaderLength} bytes)");
        }
        ReadOnlySpan<byte> h = window.Span;
        uint seconds = Read32(h, _bigEndian);
        uint fraction = Read32(h[4..], _bigEndian);
        uint captured = Read32(h[8..], _bigEndian);
        uint original = Read32(h[12..], _bigEndian);
        if (captured > MaxRecordLength)
        {
            return Fail(CaptureErrorKind.Corrupt,
                $"record claims {captured} captured bytes, more than the {MaxRecordLength}-byte maximum");
        }
        int total = _recordHeaderLength + (int)captured;
        if (!window.Ensure(total))
        {
            return Fail(CaptureErrorKind.Truncated,
                $"record of {captured} captured bytes cut short ({window.Available - _recordHeaderLength} bytes present)");
        }
        // Wireshark multiplies the microsecond field in 32 bits and does not normalise it.
        int nanos = _nano ? (int)fraction : (int)unchecked(fraction * 1000u);
        record.Time = new Timestamp(seconds, nanos);
        record.HasTime = true;
        record.LinkType = _linkType;
        record.InterfaceIndex = 0;
        record.CapturedLength = (int)captured;
        record.OriginalLength = original > int.MaxValue ? int.MaxValue : (int)original;
        record.DataOffset = _recordHeaderLength;
        record.RecordLength = total;
        _interface.Frames++;
        return ReadStatus.Frame;
    }

    private static ushort Read16(ReadOnlySpan<byte> s, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s);

    private static uint Read32(ReadOnlySpan<byte> s, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);
}
