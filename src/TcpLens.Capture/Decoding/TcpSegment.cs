using System.Runtime.CompilerServices;

namespace TcpLens.Capture.Decoding;

/// <summary>One SACK block: the left (first) and right (one past the last) sequence numbers.</summary>
public readonly record struct SackBlock(uint Left, uint Right);

/// <summary>Up to four SACK blocks stored inline.</summary>
[InlineArray(4)]
public struct SackBlocks
{
    private SackBlock _first;
}

/// <summary>
/// The network and TCP facts of one frame, decoded in place without allocating. Fields past
/// <see cref="Outcome"/> are meaningful as far as decoding got (addresses for any IP packet,
/// TCP fields when <see cref="Outcome"/> is <see cref="DecodeOutcome.Tcp"/>).
/// </summary>
public struct TcpSegment
{
    /// <summary>How far decoding got.</summary>
    public DecodeOutcome Outcome;
    /// <summary>4 or 6 once an IP header was found (the innermost one for tunnels), else 0.</summary>
    public byte IpVersion;
    /// <summary>Outermost 802.1Q VLAN ID, or -1 without a tag.</summary>
    public short VlanId;
    /// <summary>Number of tunnel headers (GRE, IP-in-IP) crossed to reach the innermost IP header.</summary>
    public byte TunnelDepth;
    /// <summary>Source address.</summary>
    public NetAddress Source;
    /// <summary>Destination address.</summary>
    public NetAddress Destination;
    /// <summary>IPv4 identification (<c>ip.id</c>), or -1 for IPv6.</summary>
    public int IpId;
    /// <summary>IPv4 TTL or IPv6 hop limit.</summary>
    public byte Ttl;
    /// <summary>IPv4 TOS / IPv6 traffic class (DSCP and ECN bits).</summary>
    public byte TrafficClass;
    /// <summary>IPv4 Don't Fragment bit.</summary>
    public bool DontFragment;

    /// <summary>Source port.</summary>
    public ushort SourcePort;
    /// <summary>Destination port.</summary>
    public ushort DestinationPort;
    /// <summary>Raw sequence number (<c>tcp.seq_raw</c>).</summary>
    public uint Sequence;
    /// <summary>Raw acknowledgement number (<c>tcp.ack_raw</c>).</summary>
    public uint Acknowledgement;
    /// <summary>TCP header length in bytes (data offset × 4).</summary>
    public byte HeaderLength;
    /// <summary>Flag bits.</summary>
    public TcpFlags Flags;
    /// <summary>The 16-bit window field as sent, before scaling.</summary>
    public ushort Window;
    /// <summary>Urgent pointer.</summary>
    public ushort UrgentPointer;
    /// <summary>TCP checksum field.</summary>
    public ushort Checksum;
    /// <summary>TCP length on the wire (header and payload) as the IP layer reports it.</summary>
    public int TcpLength;
    /// <summary>Payload length on the wire (<c>tcp.len</c>): from the IP length, not the captured bytes.</summary>
    public int PayloadLength;
    /// <summary>Payload bytes present in the frame (less than <see cref="PayloadLength"/> when the snap length cut them).</summary>
    public int CapturedPayloadLength;
    /// <summary>Offset of the payload in the frame's data.</summary>
    public int PayloadOffset;

    /// <summary>An MSS option was present.</summary>
    public bool HasMss;
    /// <summary>MSS option value.</summary>
    public ushort Mss;
    /// <summary>A window-scale option was present.</summary>
    public bool HasWindowScale;
    /// <summary>Window-scale shift count as sent (may exceed 14; the analysis caps it).</summary>
    public byte WindowScale;
    /// <summary>A SACK-permitted option was present.</summary>
    public bool SackPermitted;
    /// <summary>A SACK option was present (possibly empty or malformed).</summary>
    public bool HasSack;
    /// <summary>Number of whole SACK blocks (0 to 4).</summary>
    public byte SackBlockCount;
    /// <summary>SACK blocks, <see cref="SackBlockCount"/> of them.</summary>
    public SackBlocks Sack;
    /// <summary>A timestamps option was present.</summary>
    public bool HasTimestamps;
    /// <summary>TSval.</summary>
    public uint TsValue;
    /// <summary>TSecr.</summary>
    public uint TsEchoReply;
    /// <summary>An option had an impossible length, ran past the end of the header, or was an empty SACK; options after it were not read.</summary>
    public bool OptionsMalformed;
    /// <summary>The capture ended inside the options.</summary>
    public bool OptionsTruncated;

    /// <summary>
    /// Bytes of the TCP header that could be read (20 or more for a whole header). A damaged
    /// header still gives ports from 4 bytes, sequence from 8, acknowledgement from 12, flags
    /// from 14 and window from 16, as Wireshark shows them.
    /// </summary>
    public int TcpHeaderBytesRead;

    /// <summary>Offset in the frame where the packet's reported (on-the-wire) bytes end, as narrowed by each layer's length field.</summary>
    internal int ReportedEnd;

    /// <summary>The sender: <see cref="Source"/> and <see cref="SourcePort"/>.</summary>
    public readonly Endpoint SourceEndpoint => new(Source, SourcePort);

    /// <summary>The receiver: <see cref="Destination"/> and <see cref="DestinationPort"/>.</summary>
    public readonly Endpoint DestinationEndpoint => new(Destination, DestinationPort);

    /// <summary>True when the TCP ports (and so the connection) are known, even if the header is damaged.</summary>
    public readonly bool HasPorts => TcpHeaderBytesRead >= 4;

    /// <summary>True when the sequence number was read (8 header bytes): <c>tcp.seq</c> exists.</summary>
    public readonly bool HasSequence => TcpHeaderBytesRead >= 8;

    /// <summary>True when the acknowledgement number was read (12 header bytes): <c>tcp.ack</c> exists.</summary>
    public readonly bool HasAcknowledgement => TcpHeaderBytesRead >= 12;

    /// <summary>
    /// True when the flags were read (14 header bytes): Wireshark gives such a frame a stream and
    /// analyses it; with fewer bytes it has no flags at all (not "no flags set").
    /// </summary>
    public readonly bool HasFlags => TcpHeaderBytesRead >= 14;

    /// <summary>True when the window field was read (16 header bytes).</summary>
    public readonly bool HasWindow => TcpHeaderBytesRead >= 16;

    /// <summary>True when the whole fixed header (20 bytes) was read, so the options and payload offsets are known.</summary>
    public readonly bool HasWholeHeader => TcpHeaderBytesRead >= 20;

    /// <summary><c>ip.id</c>, or null for IPv6.</summary>
    public readonly int? IPv4Id => IpId >= 0 ? IpId : null;

    /// <summary>The flags when they were read, else none.</summary>
    public readonly TcpFlags FlagsRead => HasFlags ? Flags : TcpFlags.None;

    /// <summary>
    /// True for the frames Wireshark's TCP analysis takes: TCP (damaged headers included, once the
    /// ports are known) and TCP quoted in ICMP errors.
    /// </summary>
    public readonly bool IsAnalysedTcp => HasPorts && (DecodeOutcomeNames.IsTcp(Outcome) || Outcome == DecodeOutcome.IcmpQuotedTcp);

    /// <summary>True when any of <paramref name="flags"/> is set.</summary>
    public readonly bool Has(TcpFlags flags) => (Flags & flags) != 0;
}
