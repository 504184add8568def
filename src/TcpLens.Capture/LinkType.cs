namespace TcpLens.Capture;

/// <summary>
/// The LINKTYPE_ values of the pcap and pcapng link-type registry that tcplens decodes.
/// Any other value is kept as a number and its frames are counted but not decoded.
/// </summary>
public enum LinkType : ushort
{
    /// <summary>BSD loopback: 4-byte address family in the capturing host's byte order.</summary>
    Null = 0,
    /// <summary>Ethernet II / 802.3, with optional 802.1Q and 802.1ad tags.</summary>
    Ethernet = 1,
    /// <summary>PPP (RFC 1661) with a 2-byte protocol field.</summary>
    Ppp = 9,
    /// <summary>Raw IP as some BSDs number it (DLT 12).</summary>
    RawBsd12 = 12,
    /// <summary>Raw IP as OpenBSD numbers it (DLT 14).</summary>
    RawBsd14 = 14,
    /// <summary>PPP in HDLC-like framing.</summary>
    PppHdlc = 50,
    /// <summary>Raw IPv4 or IPv6, version taken from the first nibble.</summary>
    Raw = 101,
    /// <summary>OpenBSD loopback: 4-byte address family in network byte order.</summary>
    Loop = 108,
    /// <summary>Linux cooked capture v1 (SLL).</summary>
    LinuxSll = 113,
    /// <summary>Raw IPv4 only.</summary>
    Ipv4 = 228,
    /// <summary>Raw IPv6 only.</summary>
    Ipv6 = 229,
    /// <summary>Linux cooked capture v2 (SLL2).</summary>
    LinuxSll2 = 276,
}

/// <summary>Names of link types for reports, as capinfos abbreviates them.</summary>
public static class LinkTypeNames
{
    /// <summary>Short name of a link type (Wireshark's encapsulation short name where there is one).</summary>
    public static string ShortName(LinkType type) => type switch
    {
        LinkType.Null => "null",
        LinkType.Ethernet => "ether",
        LinkType.Ppp => "ppp",
        LinkType.RawBsd12 or LinkType.RawBsd14 or LinkType.Raw => "rawip",
        LinkType.PppHdlc => "ppp-hdlc",
        LinkType.Loop => "loop",
        LinkType.LinuxSll => "linux-sll",
        LinkType.Ipv4 => "rawip4",
        LinkType.Ipv6 => "rawip6",
        LinkType.LinuxSll2 => "linux-sll2",
        _ => "linktype-" + ((int)type).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
