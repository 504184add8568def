namespace TcpLens.Analysis.Sessions;

/// <summary>How the client of a connection was told from the server.</summary>
public enum ClientChoice
{
    /// <summary>The client sent the first SYN.</summary>
    Syn,
    /// <summary>No SYN seen: the client received the first SYN/ACK.</summary>
    SynAck,
    /// <summary>No handshake seen: the server is the side on a well-known port (below 1024), or the side not on an ephemeral port (32768 and above) when the other is.</summary>
    Port,
    /// <summary>Nothing else told: the sender of the connection's first packet is taken as the client.</summary>
    FirstPacket,
}

/// <summary>Stable snake_case names of <see cref="ClientChoice"/> (the sessions table's client_by).</summary>
public static class ClientChoiceNames
{
    /// <summary>syn, syn_ack, port or first_packet.</summary>
    public static string Name(ClientChoice choice) => choice switch
    {
        ClientChoice.Syn => "syn",
        ClientChoice.SynAck => "syn_ack",
        ClientChoice.Port => "port",
        _ => "first_packet",
    };
}

/// <summary>
/// Which side of a connection is the client, the rule of the sessions table (README
/// "sessions"): the sender of the first SYN, else the receiver of the first SYN/ACK, else by
/// ports, else the sender of the first frame. Sides are 0 (the first frame's sender) and 1.
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
}
