using System.Buffers.Binary;

namespace TcpLens.Capture.Decoding;

/// <summary>Link-layer headers: finds where the IP header starts.</summary>
internal static class LinkLayerDecoder
{
    private const int EthernetHeaderLength = 14;
    private const int SllHeaderLength = 16;
    private const int Sll2HeaderLength = 20;
    private const int NullHeaderLength = 4;
    private const int PppoeHeaderLength = 6;

    // BSD address families for IPv6 differ per OS (Linux 10, Windows 23, NetBSD/OpenBSD 24, FreeBSD 28, Darwin 30).
    private const uint AfInet = 2;

    public static DecodeOutcome Decode(LinkType linkType, ReadOnlySpan<byte> frame, ref TcpSegment segment) => linkType switch
    {
        LinkType.Ethernet => Ethernet(frame, 0, ref segment, 0),
        LinkType.LinuxSll => frame.Length < SllHeaderLength
            ? DecodeOutcome.TruncatedLinkHeader
            : EtherTypePayload(BinaryPrimitives.ReadUInt16BigEndian(frame[14..]), frame, SllHeaderLength, ref segment, 0),
        LinkType.LinuxSll2 => frame.Length < Sll2HeaderLength
            ? DecodeOutcome.TruncatedLinkHeader
            : EtherTypePayload(BinaryPrimitives.ReadUInt16BigEndian(frame), frame, Sll2HeaderLength, ref segment, 0),
        LinkType.Raw or LinkType.RawBsd12 or LinkType.RawBsd14 => IpDecoder.DecodeByVersion(frame, 0, ref segment, 0),
        LinkType.Ipv4 => IpDecoder.DecodeIpv4(frame, 0, ref segment, 0),
        LinkType.Ipv6 => IpDecoder.DecodeIpv6(frame, 0, ref segment, 0),
        LinkType.Null => Null(frame, ref segment, bigEndian: false),
        LinkType.Loop => Null(frame, ref segment, bigEndian: true),
        LinkType.Ppp => Ppp(frame, ref segment),
        LinkType.PppHdlc => Ppp(frame, ref segment),
        _ => DecodeOutcome.UnsupportedLinkType,
    };

    /// <summary>Ethernet II with any stack of 802.1Q / 802.1ad tags; 802.3 frames only through SNAP.</summary>
    internal static DecodeOutcome Ethernet(ReadOnlySpan<byte> frame, int start, ref TcpSegment segment, int depth)
    {
        if (frame.Length < start + EthernetHeaderLength)
        {
            return DecodeOutcome.TruncatedLinkHeader;
        }
        int offset = start + 12;
        ushort type = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
        while (type is EtherTypes.Vlan or EtherTypes.QinQ or EtherTypes.QinQLegacy9100 or EtherTypes.QinQLegacy9200)
        {
            if (frame.Length < offset + 6)
            {
                return DecodeOutcome.TruncatedLinkHeader;
            }
            if (segment.VlanId < 0)
            {
                segment.VlanId = (short)(BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 2)..]) & 0x0FFF);
            }
            offset += 4;
            type = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
        }
        offset += 2;
        if (type <= EtherTypes.MaxIeee8023Length)
        {
            // 802.3 length field: only LLC/SNAP with an EtherType can carry IP.
            if (frame.Length >= offset + 8 && frame[offset] == 0xAA && frame[offset + 1] == 0xAA && frame[offset + 2] == 0x03)
            {
                type = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 6)..]);
                offset += 8;
            }
            else
            {
                return DecodeOutcome.NotIp;
            }
        }
        return EtherTypePayload(type, frame, offset, ref segment, depth);
    }

    internal static DecodeOutcome EtherTypePayload(ushort type, ReadOnlySpan<byte> frame, int offset, ref TcpSegment segment, int depth)
    {
        switch (type)
        {
            case EtherTypes.Ipv4:
                return IpDecoder.DecodeIpv4(frame, offset, ref segment, depth);
            case EtherTypes.Ipv6:
                return IpDecoder.DecodeIpv6(frame, offset, ref segment, depth);
            case EtherTypes.PppoeSession:
                if (frame.Length < offset + PppoeHeaderLength + 2)
                {
                    return DecodeOutcome.TruncatedLinkHeader;
                }
                // The PPPoE length field bounds the PPP frame; Ethernet padding after it is not payload.
                int pppoeEnd = offset + PppoeHeaderLength + BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 4)..]);
                segment.ReportedEnd = Math.Min(segment.ReportedEnd, pppoeEnd);
                return PppProtocol(BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + PppoeHeaderLength)..]),
                    frame, offset + PppoeHeaderLength + 2, ref segment, depth);
            case EtherTypes.MplsUnicast or EtherTypes.MplsMulticast:
                return Mpls(frame, offset, ref segment, depth);
            default:
                return DecodeOutcome.NotIp;
        }
    }

    private static DecodeOutcome Mpls(ReadOnlySpan<byte> frame, int offset, ref TcpSegment segment, int depth)
    {
        // Label stack entries until the bottom-of-stack bit; the payload's version nibble tells IPv4 from IPv6.
        for (int labels = 0; labels < 16; labels++)
        {
            if (frame.Length < offset + 4)
            {
                return DecodeOutcome.TruncatedLinkHeader;
            }
            bool bottom = (frame[offset + 2] & 0x01) != 0;
            offset += 4;
            if (bottom)
            {
                return frame.Length > offset && (frame[offset] >> 4) is 4 or 6
                    ? IpDecoder.DecodeByVersion(frame, offset, ref segment, depth)
                    : DecodeOutcome.NotIp;
            }
        }
        return DecodeOutcome.NotIp;
    }

    private static DecodeOutcome Null(ReadOnlySpan<byte> frame, ref TcpSegment segment, bool bigEndian)
    {
        if (frame.Length < NullHeaderLength)
        {
            return DecodeOutcome.TruncatedLinkHeader;
        }
        uint family = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(frame) : BinaryPrimitives.ReadUInt32LittleEndian(frame);
        // The family is in the capturing host's byte order; a value in the upper half means the other order.
        if (!bigEndian && (family & 0xFFFF_0000) != 0)
        {
            family = BinaryPrimitives.ReverseEndianness(family);
        }
        return family switch
        {
            AfInet => IpDecoder.DecodeIpv4(frame, NullHeaderLength, ref segment, 0),
            10 or 23 or 24 or 28 or 30 => IpDecoder.DecodeIpv6(frame, NullHeaderLength, ref segment, 0),
            EtherTypes.Ipv4 => IpDecoder.DecodeIpv4(frame, NullHeaderLength, ref segment, 0),
            EtherTypes.Ipv6 => IpDecoder.DecodeIpv6(frame, NullHeaderLength, ref segment, 0),
            _ => DecodeOutcome.NotIp,
        };
    }

    private static DecodeOutcome Ppp(ReadOnlySpan<byte> frame, ref TcpSegment segment)
    {
        int offset = 0;
        // HDLC-like framing starts with address 0xFF and control 0x03.
        if (frame.Length >= 2 && frame[0] == 0xFF && frame[1] == 0x03)
        {
            offset = 2;
        }
        if (frame.Length < offset + 2)
        {
            return DecodeOutcome.TruncatedLinkHeader;
        }
        return PppProtocol(BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]), frame, offset + 2, ref segment, 0);
    }

    private static DecodeOutcome PppProtocol(ushort protocol, ReadOnlySpan<byte> frame, int offset, ref TcpSegment segment, int depth) => protocol switch
    {
        EtherTypes.PppIpv4 => IpDecoder.DecodeIpv4(frame, offset, ref segment, depth),
        EtherTypes.PppIpv6 => IpDecoder.DecodeIpv6(frame, offset, ref segment, depth),
        _ => DecodeOutcome.NotIp,
    };
}
