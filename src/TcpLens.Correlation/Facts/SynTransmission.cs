using TcpLens.Capture;

namespace TcpLens.Correlation.Facts;

/// <summary>
/// One SYN (or SYN/ACK) as a capture saw it: the fields a middlebox usually leaves alone (IP ID,
/// options, timestamps) are what matches it to its copy at the other capture point when the
/// sequence number was rewritten.
/// </summary>
public readonly record struct SynTransmission(
    long Frame,
    Timestamp Time,
    uint Sequence,
    int IpId,
    byte Ttl,
    byte TrafficClass,
    int? Mss,
    int? WindowScale,
    bool SackPermitted,
    uint? TsValue,
    ushort Window);
