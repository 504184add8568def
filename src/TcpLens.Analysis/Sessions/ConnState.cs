namespace TcpLens.Analysis.Sessions;

/// <summary>
/// Zeek's <c>conn_state</c> of a TCP connection, with the client as Zeek's originator
/// (docs/zeek-conn-state.md §2). The members keep Zeek's own spelling, so they read as the
/// conn.log column does; <see cref="ConnStateNames"/> gives the text.
/// </summary>
public enum ConnState
{
    /// <summary>A connection attempt (SYN) with no reply.</summary>
    S0,
    /// <summary>Established, not closed in the capture.</summary>
    S1,
    /// <summary>Established and closed normally (a FIN from each side).</summary>
    SF,
    /// <summary>The connection attempt was rejected (a RST answered it).</summary>
    REJ,
    /// <summary>Established; the client started closing and no answer from the server was seen.</summary>
    S2,
    /// <summary>Established; the server started closing and no answer from the client was seen.</summary>
    S3,
    /// <summary>Established; the client reset it.</summary>
    RSTO,
    /// <summary>Established; the server reset it.</summary>
    RSTR,
    /// <summary>The client sent a SYN and then a RST; no SYN/ACK was seen.</summary>
    RSTOS0,
    /// <summary>The server sent a SYN/ACK and then a RST; no SYN from the client was seen.</summary>
    RSTRH,
    /// <summary>The client sent a SYN and then a FIN; no SYN/ACK was seen (half open).</summary>
    SH,
    /// <summary>The server sent a SYN/ACK and then a FIN; no SYN from the client was seen.</summary>
    SHR,
    /// <summary>Anything else, such as a connection whose handshake the capture does not hold (it started mid-connection).</summary>
    OTH,
}
