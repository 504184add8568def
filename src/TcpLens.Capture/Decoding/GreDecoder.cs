using System.Buffers.Binary;

namespace TcpLens.Capture.Decoding;

/// <summary>GRE (RFC 2784/2890) carrying IPv4, IPv6 or Ethernet (transparent bridging).</summary>
internal static class GreDecoder
{
    private const ushort ChecksumPresent = 0x8000;
    private const ushort KeyPresent = 0x2000;
    private const ushort SequencePresent = 0x1000;

    public static DecodeOutcome Decode(ReadOnlySpan<byte> frame, int offset, ref TcpSegment segment, int depth)
    {
        if (frame.Length < offset + 4)
        {
            return DecodeOutcome.OtherIpProtocol;
        }
        ushort flags = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
        if ((flags & 0x0007) != 0)
        {
            // Version 1 is PPTP's enhanced GRE, whose PPP payload is not followed here.
            return DecodeOutcome.OtherIpProtocol;
        }
        ushort protocol = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 2)..]);
        int length = 4;
        if ((flags & ChecksumPresent) != 0)
        {
            length += 4;
        }
        if ((flags & KeyPresent) != 0)
        {
            length += 4;
        }
        if ((flags & SequencePresent) != 0)
        {
            length += 4;
        }
        int inner = offset + length;
        if (frame.Length < inner)
        {
            return DecodeOutcome.OtherIpProtocol;
        }
        segment.TunnelDepth++;
        return protocol switch
        {
            EtherTypes.Ipv4 => IpDecoder.DecodeIpv4(frame, inner, ref segment, depth),
            EtherTypes.Ipv6 => IpDecoder.DecodeIpv6(frame, inner, ref segment, depth),
            EtherTypes.TransparentEthernet => LinkLayerDecoder.Ethernet(frame, inner, ref segment, depth),
            EtherTypes.ArubaWlan => Ieee80211Decoder.DecodeData(frame, inner, ref segment, depth),
            _ => DecodeOutcome.OtherIpProtocol,
        };
    }
}
