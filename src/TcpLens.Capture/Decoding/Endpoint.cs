using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace TcpLens.Capture.Decoding;

/// <summary>
/// One end of a TCP connection: an address and a port, held inline (18 bytes, no reference),
/// so it compares, hashes and sits in dictionary keys without allocating. Orders by address,
/// then port.
/// </summary>
/// <param name="Address">The IPv4 or IPv6 address.</param>
/// <param name="Port">The TCP port.</param>
public readonly record struct Endpoint(NetAddress Address, ushort Port) : IComparable<Endpoint>
{
    /// <summary>Value equality of address and port.</summary>
    public bool Equals(Endpoint other) => Address == other.Address && Port == other.Port;

    /// <summary>A hash of address and port.</summary>
    public override int GetHashCode() => HashCode.Combine(Address.High, Address.Low, Port);

    /// <summary>Orders by address (its 128-bit value), then port.</summary>
    public int CompareTo(Endpoint other)
    {
        int c = Address.CompareTo(other.Address);
        return c != 0 ? c : Port.CompareTo(other.Port);
    }

    /// <summary>"10.0.0.1:443" or "[2001:db8::1]:443" (the same text as <see cref="NetAddress.ToString(ushort)"/>).</summary>
    public override string ToString() => Address.ToString(Port);

    /// <summary>Parses "ADDR:PORT" (IPv4) or "[ADDR]:PORT" (IPv6), the forms <see cref="ToString"/> writes.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Endpoint endpoint)
    {
        endpoint = default;
        ReadOnlySpan<char> address, port;
        if (text.StartsWith('['))
        {
            int close = text.IndexOf(']');
            if (close < 0 || close + 1 >= text.Length || text[close + 1] != ':')
            {
                return false;
            }
            address = text[1..close];
            port = text[(close + 2)..];
            if (!IPAddress.TryParse(address, out IPAddress? v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }
            return TryPort(port, v6, out endpoint);
        }
        int colon = text.IndexOf(':');
        if (colon <= 0 || text[(colon + 1)..].Contains(':'))
        {
            return false;
        }
        address = text[..colon];
        port = text[(colon + 1)..];
        if (!IPAddress.TryParse(address, out IPAddress? v4) || v4.AddressFamily != AddressFamily.InterNetwork)
        {
            return false;
        }
        return TryPort(port, v4, out endpoint);
    }

    /// <summary>Parses "ADDR:PORT" (IPv4) or "[ADDR]:PORT" (IPv6).</summary>
    public static bool TryParse(string? text, out Endpoint endpoint)
    {
        if (text is null)
        {
            endpoint = default;
            return false;
        }
        return TryParse(text.AsSpan(), out endpoint);
    }

    /// <summary>Parses "ADDR:PORT" (IPv4) or "[ADDR]:PORT" (IPv6); throws <see cref="FormatException"/> otherwise.</summary>
    public static Endpoint Parse(string text) =>
        TryParse(text, out Endpoint endpoint) ? endpoint : throw new FormatException($"'{text}' is not ADDR:PORT or [IPv6]:PORT");

    private static bool TryPort(ReadOnlySpan<char> text, IPAddress address, out Endpoint endpoint)
    {
        if (!ushort.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ushort port))
        {
            endpoint = default;
            return false;
        }
        endpoint = new Endpoint(NetAddress.FromIPAddress(address), port);
        return true;
    }

    /// <summary>Earlier than.</summary>
    public static bool operator <(Endpoint left, Endpoint right) => left.CompareTo(right) < 0;

    /// <summary>Earlier than or equal.</summary>
    public static bool operator <=(Endpoint left, Endpoint right) => left.CompareTo(right) <= 0;

    /// <summary>Later than.</summary>
    public static bool operator >(Endpoint left, Endpoint right) => left.CompareTo(right) > 0;

    /// <summary>Later than or equal.</summary>
    public static bool operator >=(Endpoint left, Endpoint right) => left.CompareTo(right) >= 0;
}
