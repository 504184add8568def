using System.Globalization;
using System.Net;
using TcpLens.Capture.Decoding;

namespace TcpLens.Analysis.Sessions;

/// <summary>An IPv4 or IPv6 network in CIDR notation (10.0.0.0/8, fd00::/8); a bare address is a /32 or /128.</summary>
public readonly record struct NetPrefix(NetAddress Network, int Bits)
{
    /// <summary>Parses "address/length" or a bare address; false when either part is not valid.</summary>
    public static bool TryParse(string text, out NetPrefix prefix)
    {
        ArgumentNullException.ThrowIfNull(text);
        prefix = default;
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        string address = slash < 0 ? text : text[..slash];
        if (!IPAddress.TryParse(address, out IPAddress? ip))
        {
            return false;
        }
        bool v4 = ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;
        int max = v4 ? 32 : 128;
        int length = max;
        if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out length) || length > max))
        {
            return false;
        }
        int bits = v4 ? length + 96 : length;
        NetAddress a = NetAddress.FromIPAddress(ip);
        prefix = new NetPrefix(Mask(a, bits), bits);
        return true;
    }

    /// <summary>The network of one address (a /32 or /128).</summary>
    public static NetPrefix Of(NetAddress address) => new(address, 128);

    /// <summary>True when the network holds one address only.</summary>
    public bool IsSingleAddress => Bits == 128;

    /// <summary>True when <paramref name="address"/> is inside the network.</summary>
    public bool Contains(NetAddress address) => Mask(address, Bits) == Network;

    private static NetAddress Mask(NetAddress a, int bits)
    {
        ulong high = bits >= 64 ? a.High : bits == 0 ? 0 : a.High & (ulong.MaxValue << (64 - bits));
        ulong low = bits >= 128 ? a.Low : bits <= 64 ? 0 : a.Low & (ulong.MaxValue << (128 - bits));
        return new NetAddress(high, low);
    }

    /// <summary>CIDR text.</summary>
    public override string ToString() =>
        Network.IsIPv4 ? $"{Network}/{Bits - 96}" : $"{Network}/{Bits}";
}
