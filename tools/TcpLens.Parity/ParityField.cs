namespace TcpLens.Parity;

/// <summary>The per-frame fields compared with tshark, in report order.</summary>
public enum ParityField
{
    Stream,
    Seq,
    Ack,
    Len,
    Window,
    Flags,
    DupAckNum,
    AckRtt,
    InitialRtt,
    BytesInFlight,
}

/// <summary>Column names of <see cref="ParityField"/> (tshark field names without prefixes).</summary>
public static class ParityFieldNames
{
    public static string Name(ParityField field) => field switch
    {
        ParityField.Stream => "stream",
        ParityField.Seq => "seq",
        ParityField.Ack => "ack",
        ParityField.Len => "len",
        ParityField.Window => "window",
        ParityField.Flags => "flags",
        ParityField.DupAckNum => "dup_ack_num",
        ParityField.AckRtt => "ack_rtt",
        ParityField.InitialRtt => "irtt",
        ParityField.BytesInFlight => "bytes_in_flight",
        _ => field.ToString(),
    };
}

/// <summary>One frame where tcplens and tshark disagree on one field.</summary>
public sealed record ParityMismatch(long Frame, ParityField Field, string Tshark, string Tcplens);
