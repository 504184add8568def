using System.Buffers.Binary;

namespace TcpLens.Capture.Decoding;

/// <summary>The TCP header at named offsets, and its options.</summary>
internal static class TcpHeaderDecoder
{
    private const int SourcePort = 0;
    private const int DestinationPort = 2;
    private const int SequenceNumber = 4;
    private const int AckNumber = 8;
    private const int DataOffsetAndFlags = 12;
    private const int FlagsLow = 13;
    private const int WindowField = 14;
    private const int ChecksumField = 16;
    private const int UrgentField = 18;
    private const int MinHeaderLength = 20;

    private const byte OptEnd = 0;
    private const byte OptNop = 1;
    private const byte OptMss = 2;
    private const byte OptWindowScale = 3;
    private const byte OptSackPermitted = 4;
    private const byte OptSack = 5;
    private const byte OptTimestamps = 8;

    /// <summary>
    /// Decodes the TCP header at <paramref name="offset"/>; <paramref name="wireLength"/> is the
    /// IP payload length on the wire, which gives <c>tcp.len</c> even when the capture cut the payload.
    /// </summary>
    public static DecodeOutcome Decode(ReadOnlySpan<byte> frame, int offset, int wireLength, ref TcpSegment segment)
    {
        ReadOnlySpan<byte> tcp = frame.Length > offset ? frame[offset..] : [];
        // Read what is there, field by field, so a damaged header still names its connection.
        segment.TcpHeaderBytesRead = Math.Min(tcp.Length, MinHeaderLength);
        segment.TcpLength = Math.Max(wireLength, 0);
        if (tcp.Length >= 4)
        {
            segment.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(tcp[SourcePort..]);
            segment.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(tcp[DestinationPort..]);
        }
        if (tcp.Length >= 8)
        {
            segment.Sequence = BinaryPrimitives.ReadUInt32BigEndian(tcp[SequenceNumber..]);
        }
        if (tcp.Length >= 12)
        {
            segment.Acknowledgement = BinaryPrimitives.ReadUInt32BigEndian(tcp[AckNumber..]);
        }
        if (tcp.Length >= 13)
        {
            segment.HeaderLength = (byte)((tcp[DataOffsetAndFlags] >> 4) * 4);
        }
        if (tcp.Length >= 14)
        {
            segment.Flags = (TcpFlags)(((tcp[DataOffsetAndFlags] & 0x0F) << 8) | tcp[FlagsLow]);
        }
        if (tcp.Length >= 16)
        {
            segment.Window = BinaryPrimitives.ReadUInt16BigEndian(tcp[WindowField..]);
        }
        if (tcp.Length < MinHeaderLength || wireLength < MinHeaderLength)
        {
            return DecodeOutcome.TruncatedTcpHeader;
        }
        int headerLength = (tcp[DataOffsetAndFlags] >> 4) * 4;
        segment.Checksum = BinaryPrimitives.ReadUInt16BigEndian(tcp[ChecksumField..]);
        segment.UrgentPointer = BinaryPrimitives.ReadUInt16BigEndian(tcp[UrgentField..]);
        segment.HeaderLength = (byte)headerLength;
        if (headerLength < MinHeaderLength || headerLength > wireLength)
        {
            return DecodeOutcome.MalformedTcpHeader;
        }
        segment.TcpHeaderBytesRead = headerLength;
        segment.PayloadLength = wireLength - headerLength;
        segment.PayloadOffset = offset + headerLength;
        segment.CapturedPayloadLength = Math.Max(0, Math.Min(tcp.Length - headerLength, segment.PayloadLength));
        int optionsEnd = Math.Min(headerLength, tcp.Length);
        segment.OptionsTruncated = optionsEnd < headerLength;
        if (headerLength > MinHeaderLength)
        {
            ReadOptions(tcp[MinHeaderLength..optionsEnd], ref segment);
        }
        return DecodeOutcome.Tcp;
    }

    private static void ReadOptions(ReadOnlySpan<byte> options, ref TcpSegment segment)
    {
        int pos = 0;
        while (pos < options.Length)
        {
            byte kind = options[pos];
            if (kind == OptEnd)
            {
                return;
            }
            if (kind == OptNop)
            {
                pos++;
                continue;
            }
            if (pos + 1 >= options.Length)
            {
                // Past the captured bytes it is truncation (already noted); inside them, a malformed option.
                segment.OptionsMalformed |= !segment.OptionsTruncated;
                return;
            }
            int length = options[pos + 1];
            if (length < 2)
            {
                segment.OptionsMalformed = true;
                return;
            }
            if (pos + length > options.Length)
            {
                segment.OptionsMalformed |= !segment.OptionsTruncated;
                return;
            }
            ReadOnlySpan<byte> value = options.Slice(pos + 2, length - 2);
            switch (kind)
            {
                case OptMss when length == 4:
                    segment.HasMss = true;
                    segment.Mss = BinaryPrimitives.ReadUInt16BigEndian(value);
                    break;
                case OptWindowScale when length == 3:
                    segment.HasWindowScale = true;
                    segment.WindowScale = value[0];
                    break;
                case OptSackPermitted when length == 2:
                    segment.SackPermitted = true;
                    break;
                case OptSack:
                    ReadSack(value, ref segment);
                    break;
                case OptTimestamps when length == 10:
                    segment.HasTimestamps = true;
                    segment.TsValue = BinaryPrimitives.ReadUInt32BigEndian(value);
                    segment.TsEchoReply = BinaryPrimitives.ReadUInt32BigEndian(value[4..]);
                    break;
                case OptMss or OptWindowScale or OptSackPermitted or OptTimestamps:
                    // A known option with the wrong length.
                    segment.OptionsMalformed = true;
                    break;
            }
            pos += length;
        }
    }

    private static void ReadSack(ReadOnlySpan<byte> value, ref TcpSegment segment)
    {
        // Like Wireshark: the whole blocks are kept; an empty option, or one with a partial
        // block, is also marked malformed.
        segment.HasSack = true;
        if (value.Length == 0 || value.Length % 8 != 0)
        {
            segment.OptionsMalformed = true;
        }
        int count = Math.Min(value.Length / 8, 4);
        for (int i = 0; i < count; i++)
        {
            segment.Sack[i] = new SackBlock(
                BinaryPrimitives.ReadUInt32BigEndian(value[(i * 8)..]),
                BinaryPrimitives.ReadUInt32BigEndian(value[(i * 8 + 4)..]));
        }
        segment.SackBlockCount = (byte)count;
    }
}
