namespace TcpLens.Analysis.Rules;

/// <summary>
/// Wireshark's per-segment checks as pure functions over explicit state (raw sequence numbers,
/// serial-number comparisons; docs/wireshark-tcp-rules.md §6). The analyzer calls them in
/// Wireshark's order.
/// </summary>
public static class SequenceRules
{
    /// <summary>§6.1: one byte at the next expected sequence number while the peer's window is zero.</summary>
    public static bool IsZeroWindowProbe(int seglen, uint seq, uint nextSeq, uint peerWindow) =>
        seglen == 1 && seq == nextSeq && peerWindow == 0;

    /// <summary>§6.2: a zero window advertised outside SYN, FIN and RST.</summary>
    public static bool IsZeroWindow(uint window, bool synFinRst) => window == 0 && !synFinRst;

    /// <summary>§6.3: the segment starts beyond the next expected sequence number.</summary>
    public static bool IsLostSegment(uint seq, uint nextSeq, bool rst) =>
        nextSeq != 0 && SeqNum.Distance(new SeqNum(seq), new SeqNum(nextSeq)) > 0 && !rst;

    /// <summary>§6.4: zero or one byte one below the next expected sequence number.</summary>
    public static bool IsKeepAlive(int seglen, uint seq, uint nextSeq, bool synFinRst) =>
        seglen <= 1 && seglen >= 0 && seq == unchecked(nextSeq - 1) && !synFinRst;

    /// <summary>§6.5: an empty segment that changes only the window.</summary>
    public static bool IsWindowUpdate(int seglen, uint window, uint lastWindow, uint seq, uint nextSeq, uint ack, uint lastAck, bool synFinRst) =>
        seglen == 0 && window != 0 && window != lastWindow && seq == nextSeq && ack == lastAck && !synFinRst;
}
