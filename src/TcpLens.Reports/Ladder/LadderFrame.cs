using TcpLens.Analysis;

namespace TcpLens.Reports.Ladder;

/// <summary>One frame of a connection's ladder.</summary>
public sealed record LadderFrame(
    AnalyzedPacket Packet,
    bool ClientToServer,
    long RelativeTimeNs,
    string Notes,
    string? Payload);
