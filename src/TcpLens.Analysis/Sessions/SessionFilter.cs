using TcpLens.Capture;
using TcpLens.Capture.Decoding;

namespace TcpLens.Analysis.Sessions;

/// <summary>
/// Which sessions to keep. Every criterion given must hold; a list criterion holds when any of
/// its values does (with-flags: every flag listed must occur). Times select sessions by their
/// start: from ≤ start &lt; to.
/// </summary>
public sealed record SessionFilter
{
    /// <summary>Either endpoint has one of these addresses.</summary>
    public IReadOnlyList<NetAddress> Hosts { get; init; } = [];

    /// <summary>Either endpoint has one of these ports.</summary>
    public IReadOnlyList<ushort> Ports { get; init; } = [];

    /// <summary>Either endpoint is in one of these networks.</summary>
    public IReadOnlyList<NetPrefix> Nets { get; init; } = [];

    /// <summary>The server matches one of these.</summary>
    public IReadOnlyList<EndpointPattern> Servers { get; init; } = [];

    /// <summary>The client matches one of these.</summary>
    public IReadOnlyList<EndpointPattern> Clients { get; init; } = [];

    /// <summary>Sessions starting at or after this time.</summary>
    public Timestamp? From { get; init; }

    /// <summary>Sessions starting before this time.</summary>
    public Timestamp? To { get; init; }

    /// <summary>Sessions starting at or after the capture's first frame plus this offset.</summary>
    public long? FromOffsetNs { get; init; }

    /// <summary>Sessions starting before the capture's first frame plus this offset.</summary>
    public long? ToOffsetNs { get; init; }

    /// <summary>Zeek states to keep.</summary>
    public IReadOnlyList<ConnState> States { get; init; } = [];

    /// <summary>Closing kinds to keep.</summary>
    public IReadOnlyList<ClosedBy> ClosedBy { get; init; } = [];

    /// <summary>The SYN→SYN/ACK delay is at least this (sessions without one never match).</summary>
    public long? MinSynAckDelayNs { get; init; }

    /// <summary>Every one of these flags occurs on at least one frame of the session.</summary>
    public AnalysisFlags WithFlags { get; init; }

    /// <summary>True when the session passes every criterion; <paramref name="captureStart"/> anchors the offsets.</summary>
    public bool Matches(Session s, Timestamp captureStart)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (Hosts.Count > 0 && !Hosts.Any(h => h == s.Client.Address || h == s.Server.Address))
        {
            return false;
        }
        if (Ports.Count > 0 && !Ports.Any(p => p == s.Client.Port || p == s.Server.Port))
        {
            return false;
        }
        if (Nets.Count > 0 && !Nets.Any(n => n.Contains(s.Client.Address) || n.Contains(s.Server.Address)))
        {
            return false;
        }
        if (Servers.Count > 0 && !Servers.Any(e => e.Matches(s.Server)))
        {
            return false;
        }
        if (Clients.Count > 0 && !Clients.Any(e => e.Matches(s.Client)))
        {
            return false;
        }
        Int128 start = s.Start.ExactNanoseconds;
        if ((From is { } from && start < from.ExactNanoseconds) || (To is { } to && start >= to.ExactNanoseconds))
        {
            return false;
        }
        Int128 origin = captureStart.ExactNanoseconds;
        if ((FromOffsetNs is { } fo && start < origin + fo) || (ToOffsetNs is { } tof && start >= origin + tof))
        {
            return false;
        }
        if (States.Count > 0 && !States.Contains(s.State))
        {
            return false;
        }
        if (ClosedBy.Count > 0 && !ClosedBy.Contains(s.ClosedBy))
        {
            return false;
        }
        if (MinSynAckDelayNs is { } min && !(s.SynAckDelayNs >= min))
        {
            return false;
        }
        uint wanted = (uint)WithFlags;
        while (wanted != 0)
        {
            var flag = (AnalysisFlags)(wanted & (~wanted + 1));
            if (s.Count(flag) == 0)
            {
                return false;
            }
            wanted &= wanted - 1;
        }
        return true;
    }
}
