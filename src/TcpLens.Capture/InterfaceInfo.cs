namespace TcpLens.Capture;

/// <summary>A capture interface: pcap has one, each pcapng section has its own list.</summary>
public sealed record InterfaceInfo(int Index, int Section, LinkType LinkType, int SnapLength,
    string? Name, long TicksPerSecond, long OffsetSeconds)
{
    /// <summary>Number of packet records read from this interface so far.</summary>
    public long Frames { get; internal set; }
}
