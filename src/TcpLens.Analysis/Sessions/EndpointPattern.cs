using System.Globalization;
using TcpLens.Capture.Decoding;

namespace TcpLens.Analysis.Sessions;

/// <summary>
/// Endpoints a user names: an address or a network, a port, or both — ADDR, ADDR:PORT,
/// [IPv6]:PORT, :PORT, NET/LEN and NET/LEN:PORT ([NET6/LEN]:PORT for IPv6). One syntax for every
/// option that selects servers or clients, so <c>--server 10.77.2.0/24</c> means the same in
/// every command. A bare address is the network of that one address.
/// </summary>
/// <param name="Network">The addresses that match, or null for any.</param>
/// <param name="Port">The port that matches, or null for any.</param>
public readonly record struct EndpointPattern(NetPrefix? Network, ushort? Port)
{
    /// <summary>A pattern for one address (or any, when null) and a port (or any).</summary>
    public static EndpointPattern Of(NetAddress? address, ushort? port) => new(address is { } a ? NetPrefix.Of(a) : null, port);

    /// <summary>True when the endpoint's address is in the network and its port is the port, where given.</summary>
    public bool Matches(Endpoint endpoint) =>
        (Network is null || Network.Value.Contains(endpoint.Address)) && (Port is null || Port.Value == endpoint.Port);

    /// <summary>The syntax, for messages.</summary>
    public const string Syntax = "ADDR, ADDR:PORT, [IPv6]:PORT, :PORT, NET/LEN or NET/LEN:PORT";

    /// <summary>Parses one of the forms of <see cref="Syntax"/>; false with <paramref name="why"/> otherwise.</summary>
    public static bool TryParse(string text, out EndpointPattern pattern, out string why)
    {
        ArgumentNullException.ThrowIfNull(text);
        pattern = default;
        string t = text.Trim();
        if (t.Length == 0)
        {
            why = $"the pattern is empty: give {Syntax}";
            return false;
        }
        string? networkPart = t, portPart = null;
        if (t.StartsWith('['))
        {
            int close = t.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || (close + 1 < t.Length && t[close + 1] != ':'))
            {
                why = $"'{text}' is not {Syntax}: an IPv6 address in brackets is followed by :PORT or nothing";
                return false;
            }
            networkPart = t[1..close];
            portPart = close + 1 < t.Length ? t[(close + 2)..] : null;
        }
        else if (t.Count(c => c == ':') == 1)
        {
            // one colon: IPv4 (or a network) with a port, or :PORT alone; more colons: IPv6 without a port
            int colon = t.IndexOf(':', StringComparison.Ordinal);
            networkPart = colon == 0 ? null : t[..colon];
            portPart = t[(colon + 1)..];
        }
        NetPrefix? network = null;
        if (networkPart is not null)
        {
            if (!NetPrefix.TryParse(networkPart, out NetPrefix n))
            {
                why = $"'{text}' is not {Syntax}: '{networkPart}' is not an address or a network";
                return false;
            }
            network = n;
        }
        ushort? port = null;
        if (portPart is not null)
        {
            if (!ushort.TryParse(portPart, NumberStyles.None, CultureInfo.InvariantCulture, out ushort p))
            {
                why = $"'{text}' is not {Syntax}: '{portPart}' is not a port (0 to 65535)";
                return false;
            }
            port = p;
        }
        pattern = new EndpointPattern(network, port);
        why = "";
        return true;
    }

    /// <summary>The pattern as it is written (10.0.0.0/8:443, [fd00::1]:80, :53).</summary>
    public override string ToString()
    {
        string port = Port is { } p ? ":" + p.ToString(CultureInfo.InvariantCulture) : "";
        if (Network is not { } n)
        {
            return port;
        }
        string net = n.IsSingleAddress ? n.Network.ToString() : n.ToString();
        return !n.Network.IsIPv4 && port.Length > 0 ? $"[{net}]{port}" : net + port;
    }
}
