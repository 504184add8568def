namespace TcpLens.Capture.Decoding;

/// <summary>EtherType values the decoders follow.</summary>
internal static class EtherTypes
{
    public const ushort Ipv4 = 0x0800;
    public const ushort Ipv6 = 0x86DD;
    public const ushort Vlan = 0x8100;
    public const ushort QinQ = 0x88A8;
    public const ushort QinQLegacy9100 = 0x9100;
    public const ushort QinQLegacy9200 = 0x9200;
    public const ushort PppoeSession = 0x8864;
    public const ushort MplsUnicast = 0x8847;
    public const ushort MplsMulticast = 0x8848;
    public const ushort TransparentEthernet = 0x6558;
    public const ushort MaxIeee8023Length = 1500;
    // GRE protocol type Aruba controllers use to tunnel raw 802.11 frames.
    public const ushort ArubaWlan = 0x8200;

    public const ushort PppIpv4 = 0x0021;
    public const ushort PppIpv6 = 0x0057;
}
