namespace TcpLens.Capture.Decoding;

/// <summary>What decoding a frame found. Values from <see cref="TruncatedLinkHeader"/> on are decode problems.</summary>
public enum DecodeOutcome : byte
{
    /// <summary>A TCP segment with a complete 20-byte header.</summary>
    Tcp,
    /// <summary>IP carrying another protocol (UDP, ICMP...).</summary>
    OtherIpProtocol,
    /// <summary>Not IP (ARP, LLC, ...).</summary>
    NotIp,
    /// <summary>An IPv4 or IPv6 fragment: counted, never decoded as TCP.</summary>
    IpFragment,
    /// <summary>A link type tcplens does not decode.</summary>
    UnsupportedLinkType,
    /// <summary>
    /// An ICMP or ICMPv6 error quoting the start of a TCP segment: the TCP fields (and the
    /// addresses) are those of the quoted packet, as Wireshark shows them.
    /// </summary>
    IcmpQuotedTcp,
    /// <summary>Problem: the frame ends inside its link-layer header.</summary>
    TruncatedLinkHeader,
    /// <summary>Problem: the frame ends inside the IP header.</summary>
    TruncatedIpHeader,
    /// <summary>Problem: the IP header is impossible (version, header length, total length).</summary>
    MalformedIpHeader,
    /// <summary>Problem: the frame ends inside the first 20 bytes of the TCP header.</summary>
    TruncatedTcpHeader,
    /// <summary>Problem: the TCP header length is below 20 or beyond the IP payload.</summary>
    MalformedTcpHeader,
    /// <summary>Problem: tunnels nested deeper than tcplens follows.</summary>
    TunnelTooDeep,
}

/// <summary>Stable snake_case names of decode outcomes for reports.</summary>
public static class DecodeOutcomeNames
{
    /// <summary>
    /// True for frames Wireshark dissects as TCP: whole headers and damaged ones alike (a damaged
    /// header still gets a <c>tcp.stream</c> in Wireshark when its ports can be read).
    /// </summary>
    public static bool IsTcp(DecodeOutcome outcome) =>
        outcome is DecodeOutcome.Tcp or DecodeOutcome.TruncatedTcpHeader or DecodeOutcome.MalformedTcpHeader;

    /// <summary>True when the outcome counts as a decode problem.</summary>
    public static bool IsProblem(DecodeOutcome outcome) => outcome >= DecodeOutcome.TruncatedLinkHeader;

    /// <summary>The snake_case name, e.g. <c>truncated_tcp_header</c>.</summary>
    public static string Name(DecodeOutcome outcome) => outcome switch
    {
        DecodeOutcome.Tcp => "tcp",
        DecodeOutcome.OtherIpProtocol => "other_ip_protocol",
        DecodeOutcome.NotIp => "not_ip",
        DecodeOutcome.IpFragment => "ip_fragment",
        DecodeOutcome.UnsupportedLinkType => "unsupported_link_type",
        DecodeOutcome.IcmpQuotedTcp => "icmp_quoted_tcp",
        DecodeOutcome.TruncatedLinkHeader => "truncated_link_header",
        DecodeOutcome.TruncatedIpHeader => "truncated_ip_header",
        DecodeOutcome.MalformedIpHeader => "malformed_ip_header",
        DecodeOutcome.TruncatedTcpHeader => "truncated_tcp_header",
        DecodeOutcome.MalformedTcpHeader => "malformed_tcp_header",
        DecodeOutcome.TunnelTooDeep => "tunnel_too_deep",
        _ => "unknown",
    };
}
