using TcpLens.Capture.Decoding;

namespace TcpLens.Analysis.Sessions;

/// <summary>
/// Which side of a connection is the client, the rule of the sessions table (README
/// "sessions"): the sender of the first SYN, else the receiver of the first SYN/ACK, else by
/// ports, else the sender of the first frame. Sides are 0 (the first frame's sender) and 1.
/// Every part of tcplens that names a client and a server (sessions, correlation facts,
/// ladders, charts) decides it here.
/// </summary>
public static class ClientRule
{
    /// <summary>The client's side and how it was told.</summary>
    /// <param name="firstSynSide">Side that sent the first SYN without ACK, or -1.</param>
    /// <param name="firstSynAckSide">Side that sent the first SYN/ACK, or -1.</param>
    /// <param name="port0">Port of side 0.</param>
    /// <param name="port1">Port of side 1.</param>
    public static (int ClientSide, ClientChoice Choice) Choose(int firstSynSide, int firstSynAckSide, ushort port0, ushort port1)
    {
        if (firstSynSide >= 0)
        {
            return (firstSynSide, ClientChoice.Syn);
        }
        if (firstSynAckSide >= 0)
        {
            return (1 - firstSynAckSide, ClientChoice.SynAck);
        }
        bool wellKnown0 = port0 < 1024, wellKnown1 = port1 < 1024;
        if (wellKnown0 != wellKnown1)
        {
            return (wellKnown0 ? 1 : 0, ClientChoice.Port);
        }
        bool ephemeral0 = port0 >= 32768, ephemeral1 = port1 >= 32768;
        if (ephemeral0 != ephemeral1)
        {
            return (ephemeral0 ? 0 : 1, ClientChoice.Port);
        }
        return (0, ClientChoice.FirstPacket);
    }

    /// <summary>Client and server of a connection whose handshake frames were noted in <paramref name="handshake"/>.</summary>
    /// <param name="handshake">Which sides sent the first SYN and SYN/ACK.</param>
    /// <param name="side0">The endpoint of side 0 (the first frame's sender).</param>
    /// <param name="side1">The other endpoint.</param>
    public static ClientOrientation Orient(in HandshakeSides handshake, Endpoint side0, Endpoint side1)
    {
        (int client, ClientChoice choice) = Choose(handshake.FirstSynSide, handshake.FirstSynAckSide, side0.Port, side1.Port);
        return client == 0 ? new(side0, side1, choice, ClientIsSide0: true) : new(side1, side0, choice, ClientIsSide0: false);
    }

    /// <summary>
    /// Client and server of one stream's frames (in frame order, at least one): side 0 is the
    /// first frame's sender, a frame from any other endpoint is side 1.
    /// </summary>
    public static ClientOrientation Orient(IReadOnlyList<AnalyzedPacket> packets)
    {
        ArgumentNullException.ThrowIfNull(packets);
        TcpSegment first = packets[0].Segment;
        Endpoint side0 = first.SourceEndpoint;
        var handshake = new HandshakeSides();
        foreach (AnalyzedPacket p in packets)
        {
            handshake.Note(p.Segment.SourceEndpoint == side0 ? 0 : 1, p.Segment.FlagsRead);
        }
        return Orient(handshake, side0, first.DestinationEndpoint);
    }
}
