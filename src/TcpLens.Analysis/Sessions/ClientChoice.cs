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
