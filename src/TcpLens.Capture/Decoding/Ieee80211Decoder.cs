namespace TcpLens.Capture.Decoding;

/// <summary>IEEE 802.11 data frames (as tunnelled by wireless controllers) down to their LLC/SNAP payload.</summary>
internal static class Ieee80211Decoder
{
    private const int BaseHeader = 24;
    private const int Address4 = 6;
    private const int QosControl = 2;
    private const int HtControl = 4;
    private const int LlcSnap = 8;

    public static DecodeOutcome DecodeData(ReadOnlySpan<byte> frame, int offset, ref TcpSegment segment, int depth)
    {
        if (frame.Length < offset + BaseHeader)
        {
            return DecodeOutcome.TruncatedLinkHeader;
        }
        byte control = frame[offset];
        byte flags = frame[offset + 1];
        int type = (control >> 2) & 0x3;
        int subtype = control >> 4;
        // Only data frames carry IP; "null" subtypes and protected (encrypted) frames carry nothing readable.
        if (type != 2 || (subtype & 0x4) != 0 || (flags & 0x40) != 0)
        {
            return DecodeOutcome.NotIp;
        }
        int length = BaseHeader;
        if ((flags & 0x03) == 0x03)
        {
            length += Address4;
        }
        bool qos = (subtype & 0x8) != 0;
        if (qos)
        {
            length += QosControl;
            if ((flags & 0x80) != 0)
            {
                length += HtControl;
            }
        }
        int llc = offset + length;
        if (frame.Length < llc + LlcSnap)
        {
            return DecodeOutcome.TruncatedLinkHeader;
        }
        if (frame[llc] != 0xAA || frame[llc + 1] != 0xAA || frame[llc + 2] != 0x03)
        {
            return DecodeOutcome.NotIp;
        }
        ushort etherType = (ushort)((frame[llc + 6] << 8) | frame[llc + 7]);
        return LinkLayerDecoder.EtherTypePayload(etherType, frame, llc + LlcSnap, ref segment, depth);
    }
}
