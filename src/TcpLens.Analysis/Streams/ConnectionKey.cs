using TcpLens.Capture.Decoding;

namespace TcpLens.Analysis.Streams;

/// <summary>
/// The endpoints of a TCP connection in canonical order (lower address/port first), so both
/// directions give the same key; <see cref="Create"/> reports which direction a packet went.
/// Addresses are held inline: the key never allocates and compares by value, not by hash.
/// </summary>
public readonly struct ConnectionKey : IEquatable<ConnectionKey>
{
    /// <summary>The lower endpoint's address.</summary>
    public NetAddress LowAddress { get; }

    /// <summary>The higher endpoint's address.</summary>
    public NetAddress HighAddress { get; }

    /// <summary>The lower endpoint's port.</summary>
    public ushort LowPort { get; }

    /// <summary>The higher endpoint's port.</summary>
    public ushort HighPort { get; }

    private ConnectionKey(NetAddress lowAddress, ushort lowPort, NetAddress highAddress, ushort highPort)
    {
        LowAddress = lowAddress;
        LowPort = lowPort;
        HighAddress = highAddress;
        HighPort = highPort;
    }

    /// <summary>
    /// The key of a packet from source to destination; <paramref name="fromLow"/> is true when
    /// the packet was sent by the lower endpoint.
    /// </summary>
    public static ConnectionKey Create(NetAddress source, ushort sourcePort, NetAddress destination, ushort destinationPort, out bool fromLow)
    {
        int c = source.CompareTo(destination);
        fromLow = c < 0 || (c == 0 && sourcePort <= destinationPort);
        return fromLow
            ? new ConnectionKey(source, sourcePort, destination, destinationPort)
            : new ConnectionKey(destination, destinationPort, source, sourcePort);
    }

    /// <summary>Value equality of all four fields.</summary>
    public bool Equals(ConnectionKey other) =>
        LowAddress == other.LowAddress && HighAddress == other.HighAddress && LowPort == other.LowPort && HighPort == other.HighPort;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ConnectionKey k && Equals(k);

    /// <summary>A hash that is the same for both directions (the key is canonical).</summary>
    public override int GetHashCode() =>
        HashCode.Combine(LowAddress.High ^ LowAddress.Low, HighAddress.High ^ HighAddress.Low, LowPort | (HighPort << 16));

    /// <summary>Equality.</summary>
    public static bool operator ==(ConnectionKey left, ConnectionKey right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(ConnectionKey left, ConnectionKey right) => !left.Equals(right);

    /// <summary><c>low:port-high:port</c>.</summary>
    public override string ToString() => $"{LowAddress}:{LowPort}-{HighAddress}:{HighPort}";
}
