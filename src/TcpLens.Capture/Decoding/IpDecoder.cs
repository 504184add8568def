using System.Buffers.Binary;

namespace TcpLens.Capture.Decoding;

/// <summary>IPv4 and IPv6 headers (with IPv6 extension headers) and the tunnels they carry.</summary>
internal static class IpDecoder
{
    private const byte ProtoTcp = 6;
    private const byte ProtoIpInIp = 4;
    private const byte ProtoIpv6InIp = 41;
    private const byte ProtoGre = 47;
    private const byte ProtoNoNext = 59;
    private const byte ProtoIcmp = 1;
    private const byte ProtoIcmpv6 = 58;
    private const int IcmpHeader = 8;

    // IPv6 extension headers that are chained with (next header, length in 8-octet units - 1).
    private const byte ExtHopByHop = 0;
    private const byte ExtRouting = 43;
    private const byte ExtFragment = 44;
    private const byte ExtAuthentication = 51;
    private const byte ExtDestination = 60;
    private const byte ExtMobility = 135;
    private const byte ExtHip = 139;
    private const byte ExtShim6 = 140;
    private const int MaxExtensionHeaders = 16;

    private const int Ipv4MinHeader = 20;
    private const int Ipv6Header = 40;

    public static DecodeOutcome DecodeByVersion(ReadOnlySpan<byte> frame, int offset, ref TcpSegment segment, int depth)
    {
        if (frame.Length <= offset)
        {
            return DecodeOutcome.TruncatedIpHeader;
        }
        return (frame[offset] >> 4) switch
        {
            4 => DecodeIpv4(frame, offset, ref segment, depth),
            6 => DecodeIpv6(frame, offset, ref segment, depth),
            _ => DecodeOutcome.MalformedIpHeader,
        };
    }

    public static DecodeOutcome DecodeIpv4(ReadOnlySpan<byte> frame, int offset, ref TcpSegment segment, int depth)
    {
        if (frame.Length < offset + Ipv4MinHeader)
        {
            return DecodeOutcome.TruncatedIpHeader;
        }
        ReadOnlySpan<byte> ip = frame[offset..];
        int headerLength = (ip[0] & 0x0F) * 4;
        if (ip[0] >> 4 != 4 || headerLength < Ipv4MinHeader)
        {
            return DecodeOutcome.MalformedIpHeader;
        }
        if (ip.Length < headerLength)
        {
            return DecodeOutcome.TruncatedIpHeader;
        }
        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
        if (totalLength == 0)
        {
            // Segmentation offload captured on the sending host: the length is left for the NIC to fill.
            totalLength = ip.Length;
        }
        if (totalLength < headerLength)
        {
            return DecodeOutcome.MalformedIpHeader;
        }
        ushort fragment = BinaryPrimitives.ReadUInt16BigEndian(ip[6..]);
        segment.IpVersion = 4;
        segment.TrafficClass = ip[1];
        segment.IpId = BinaryPrimitives.ReadUInt16BigEndian(ip[4..]);
        segment.DontFragment = (fragment & 0x4000) != 0;
        segment.Ttl = ip[8];
        segment.Source = NetAddress.FromIPv4(ip[12..]);
        segment.Destination = NetAddress.FromIPv4(ip[16..]);
        if ((fragment & 0x3FFF) != 0)
        {
            return DecodeOutcome.IpFragment;
        }
        // Wireshark narrows the IP length to what the frame can hold (a lying or offloaded length field).
        int reportedLength = Math.Min(totalLength, Math.Max(segment.ReportedEnd - offset, headerLength));
        segment.ReportedEnd = offset + reportedLength;
        int capturedEnd = offset + Math.Min(reportedLength, ip.Length);
        return Transport(ip[9], frame[..capturedEnd], offset + headerLength, reportedLength - headerLength, ref segment, depth);
    }

    public static DecodeOutcome DecodeIpv6(ReadOnlySpan<byte> frame, int offset, ref TcpSegment segment, int depth)
    {
        if (frame.Length < offset + Ipv6Header)
        {
            return DecodeOutcome.TruncatedIpHeader;
        }
        ReadOnlySpan<byte> ip = frame[offset..];
        if (ip[0] >> 4 != 6)
        {
            return DecodeOutcome.MalformedIpHeader;
        }
        int payloadLength = BinaryPrimitives.ReadUInt16BigEndian(ip[4..]);
        if (payloadLength == 0)
        {
            // Jumbogram or offloaded segment: the captured bytes are all there is to go on.
            payloadLength = ip.Length - Ipv6Header;
        }
        segment.IpVersion = 6;
        segment.TrafficClass = (byte)(BinaryPrimitives.ReadUInt16BigEndian(ip) >> 4);
        segment.IpId = -1;
        segment.Ttl = ip[7];
        segment.Source = NetAddress.FromIPv6(ip[8..]);
        segment.Destination = NetAddress.FromIPv6(ip[24..]);
        payloadLength = Math.Min(payloadLength, Math.Max(segment.ReportedEnd - offset - Ipv6Header, 0));
        segment.ReportedEnd = offset + Ipv6Header + payloadLength;
        int capturedEnd = offset + Math.Min(Ipv6Header + payloadLength, ip.Length);
        byte next = ip[6];
        int pos = offset + Ipv6Header;
        int remaining = payloadLength;
        for (int i = 0; i < MaxExtensionHeaders; i++)
        {
            int extLength;
            switch (next)
            {
                case ExtHopByHop or ExtRouting or ExtDestination or ExtMobility or ExtHip or ExtShim6:
                    if (capturedEnd < pos + 2)
                    {
                        return DecodeOutcome.TruncatedIpHeader;
                    }
                    extLength = (frame[pos + 1] + 1) * 8;
                    break;
                case ExtAuthentication:
                    if (capturedEnd < pos + 2)
                    {
                        return DecodeOutcome.TruncatedIpHeader;
                    }
                    extLength = (frame[pos + 1] + 2) * 4;
                    break;
                case ExtFragment:
                    if (capturedEnd < pos + 8)
                    {
                        return DecodeOutcome.TruncatedIpHeader;
                    }
                    ushort offsetAndFlags = BinaryPrimitives.ReadUInt16BigEndian(frame[(pos + 2)..]);
                    if ((offsetAndFlags & 0xFFF9) != 0)
                    {
                        return DecodeOutcome.IpFragment;
                    }
                    // An atomic fragment (offset 0, no more fragments) carries the whole packet.
                    extLength = 8;
                    break;
                case ProtoNoNext:
                    return DecodeOutcome.OtherIpProtocol;
                default:
                    return Transport(next, frame[..capturedEnd], pos, remaining, ref segment, depth);
            }
            if (extLength > remaining)
            {
                return DecodeOutcome.MalformedIpHeader;
            }
            next = frame[pos];
            pos += extLength;
            remaining -= extLength;
            if (pos > capturedEnd)
            {
                return DecodeOutcome.TruncatedIpHeader;
            }
        }
        return DecodeOutcome.MalformedIpHeader;
    }

    private static DecodeOutcome Transport(byte protocol, ReadOnlySpan<byte> frame, int offset, int wireLength,
        ref TcpSegment segment, int depth)
    {
        switch (protocol)
        {
            case ProtoTcp:
                return TcpHeaderDecoder.Decode(frame, offset, wireLength, ref segment);
            case ProtoIpInIp or ProtoIpv6InIp:
                if (depth >= PacketDecoder.MaxTunnelDepth)
                {
                    return DecodeOutcome.TunnelTooDeep;
                }
                segment.TunnelDepth++;
                return protocol == ProtoIpInIp
                    ? DecodeIpv4(frame, offset, ref segment, depth + 1)
                    : DecodeIpv6(frame, offset, ref segment, depth + 1);
            case ProtoIcmp or ProtoIcmpv6:
                return QuotedPacket(protocol, frame, offset, ref segment, depth);
            case ProtoGre:
                return depth >= PacketDecoder.MaxTunnelDepth
                    ? DecodeOutcome.TunnelTooDeep
                    : GreDecoder.Decode(frame, offset, ref segment, depth + 1);
            default:
                return DecodeOutcome.OtherIpProtocol;
        }
    }

    // ICMP errors quote the IP header and the first bytes of the packet that caused them.
    private static DecodeOutcome QuotedPacket(byte protocol, ReadOnlySpan<byte> frame, int offset, ref TcpSegment segment, int depth)
    {
        if (frame.Length < offset + IcmpHeader + 1 || depth >= PacketDecoder.MaxTunnelDepth)
        {
            return DecodeOutcome.OtherIpProtocol;
        }
        byte type = frame[offset];
        bool error = protocol == ProtoIcmp ? type is 3 or 4 or 5 or 11 or 12 : type is >= 1 and <= 4;
        if (!error)
        {
            return DecodeOutcome.OtherIpProtocol;
        }
        var quoted = segment;
        DecodeOutcome inner = protocol == ProtoIcmp
            ? DecodeIpv4(frame, offset + IcmpHeader, ref quoted, depth + 1)
            : DecodeIpv6(frame, offset + IcmpHeader, ref quoted, depth + 1);
        if (!DecodeOutcomeNames.IsTcp(inner))
        {
            return DecodeOutcome.OtherIpProtocol;
        }
        segment = quoted;
        return DecodeOutcome.IcmpQuotedTcp;
    }
}
