namespace TcpLens.Capture.Decoding;

/// <summary>
/// Decodes a frame from its link layer down to the TCP header and options, in place and
/// without allocating. Tunnels (GRE, IP-in-IP, PPPoE, MPLS) are followed to the innermost IP header.
/// </summary>
public static class PacketDecoder
{
    /// <summary>Deepest tunnel nesting followed before giving up.</summary>
    public const int MaxTunnelDepth = 4;

    /// <summary>
    /// Decodes one frame; the outcome is also stored in <paramref name="segment"/>.
    /// <paramref name="originalLength"/> is the frame's length on the wire: like Wireshark, the
    /// payload length is the IP length narrowed to what the frame can hold.
    /// </summary>
    public static DecodeOutcome Decode(LinkType linkType, ReadOnlySpan<byte> frame, int originalLength, out TcpSegment segment)
    {
        segment = default;
        segment.VlanId = -1;
        segment.IpId = -1;
        segment.ReportedEnd = Math.Max(originalLength, frame.Length);
        DecodeOutcome outcome = LinkLayerDecoder.Decode(linkType, frame, ref segment);
        segment.Outcome = outcome;
        return outcome;
    }

    /// <summary>Decodes a frame whose length on the wire is its captured length.</summary>
    public static DecodeOutcome Decode(LinkType linkType, ReadOnlySpan<byte> frame, out TcpSegment segment) =>
        Decode(linkType, frame, frame.Length, out segment);

    /// <summary>Decodes a frame as read from a capture.</summary>
    public static DecodeOutcome Decode(in CaptureFrame frame, out TcpSegment segment) =>
        Decode(frame.LinkType, frame.Data, frame.OriginalLength, out segment);
}
