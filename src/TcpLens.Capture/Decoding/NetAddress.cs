using System.Buffers.Binary;
using System.Globalization;
using System.Net;

namespace TcpLens.Capture.Decoding;

/// <summary>
/// An IPv4 or IPv6 address held inline in 16 bytes (IPv4 as the IPv4-mapped IPv6 address), so
/// it can sit in keys and arrays without allocating and compares by value.
/// </summary>
public readonly record struct NetAddress(ulong High, ulong Low) : IComparable<NetAddress>
{
    private const ulong MappedPrefixLow = 0x0000_FFFF_0000_0000UL;

    /// <summary>True for an IPv4 address.</summary>
    public bool IsIPv4 => High == 0 && (Low & 0xFFFF_FFFF_0000_0000UL) == MappedPrefixLow;

    /// <summary>Builds an address from the 4 bytes of an IPv4 header field.</summary>
    public static NetAddress FromIPv4(ReadOnlySpan<byte> bytes) =>
        new(0, MappedPrefixLow | BinaryPrimitives.ReadUInt32BigEndian(bytes));

    /// <summary>Builds an address from the 16 bytes of an IPv6 header field.</summary>
    public static NetAddress FromIPv6(ReadOnlySpan<byte> bytes) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));

    /// <summary>Converts from <see cref="IPAddress"/>.</summary>
    public static NetAddress FromIPAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> b = stackalloc byte[16];
        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
        {
            address.TryWriteBytes(b, out _);
            return FromIPv4(b);
        }
        address.TryWriteBytes(b, out _);
        return FromIPv6(b);
    }

    /// <summary>Parses dotted IPv4 or IPv6 text.</summary>
    public static NetAddress Parse(string text) => FromIPAddress(IPAddress.Parse(text));

    /// <summary>Converts to <see cref="IPAddress"/> (allocates).</summary>
    public IPAddress ToIPAddress()
    {
        Span<byte> b = stackalloc byte[16];
        if (IsIPv4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(b, (uint)Low);
            return new IPAddress(b[..4]);
        }
        BinaryPrimitives.WriteUInt64BigEndian(b, High);
        BinaryPrimitives.WriteUInt64BigEndian(b[8..], Low);
        return new IPAddress(b);
    }

    /// <summary>Orders addresses by their 128-bit value.</summary>
    public int CompareTo(NetAddress other)
    {
        int c = High.CompareTo(other.High);
        return c != 0 ? c : Low.CompareTo(other.Low);
    }

    /// <summary>Dotted IPv4 or RFC 5952 IPv6 text, as Wireshark prints it.</summary>
    public override string ToString() => ToIPAddress().ToString();

    /// <summary>"10.0.0.1:443" or "[2001:db8::1]:443".</summary>
    public string ToString(ushort port) =>
        IsIPv4 ? $"{this}:{port.ToString(CultureInfo.InvariantCulture)}" : $"[{this}]:{port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Earlier than.</summary>
    public static bool operator <(NetAddress left, NetAddress right) => left.CompareTo(right) < 0;

    /// <summary>Earlier than or equal.</summary>
    public static bool operator <=(NetAddress left, NetAddress right) => left.CompareTo(right) <= 0;

    /// <summary>Later than.</summary>
    public static bool operator >(NetAddress left, NetAddress right) => left.CompareTo(right) > 0;

    /// <summary>Later than or equal.</summary>
    public static bool operator >=(NetAddress left, NetAddress right) => left.CompareTo(right) >= 0;
}
