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

    /// <summary>
    /// §6.6: data that ends exactly at the edge of the window the peer last advertised (its last
    /// ACK plus its window, scaled unless the scale is unknown or the peer's first ACK is pending).
    /// </summary>
    public static bool IsWindowFull(int seglen, uint seq, bool synFinRst, int peerWinScale, bool peerFirstAck, uint peerLastAck, uint peerWindow)
    {
        if (seglen <= 0 || peerWinScale == -1 || synFinRst)
        {
            return false;
        }
        int shift = peerFirstAck || peerWinScale == -2 ? 0 : peerWinScale;
        return unchecked(seq + (uint)seglen) == unchecked(peerLastAck + (peerWindow << shift));
    }

    /// <summary>§6.7–6.9 share this: an empty segment at the next sequence number repeating the last ACK, outside SYN/FIN/RST.</summary>
    public static bool RepeatsLastAck(int seglen, uint seq, uint nextSeq, uint ack, uint lastAck, bool synFinRst) =>
        seglen == 0 && seq == nextSeq && ack == lastAck && !synFinRst;

    /// <summary>§6.7: a repeated ACK with the same non-zero window right after the peer's keep-alive.</summary>
    public static bool IsKeepAliveAck(bool repeatsLastAck, uint window, uint lastWindow, AnalysisFlags peerLastFlags) =>
        repeatsLastAck && window != 0 && window == lastWindow && (peerLastFlags & AnalysisFlags.KeepAlive) != 0;

    /// <summary>§6.8: a zero window repeated (ACK unchanged, or one more for a consumed probe byte) right after the peer's zero-window probe.</summary>
    public static bool IsZeroWindowProbeAck(int seglen, uint window, uint lastWindow, uint seq, uint nextSeq, uint ack, uint lastAck, AnalysisFlags peerLastFlags, bool synFinRst) =>
        seglen == 0 && window == 0 && lastWindow == 0 && seq == nextSeq
        && (ack == lastAck || ack == unchecked(lastAck + 1))
        && (peerLastFlags & AnalysisFlags.ZeroWindowProbe) != 0 && !synFinRst;

    /// <summary>§6.9: a repeated ACK with the same non-zero window.</summary>
    public static bool IsDuplicateAck(bool repeatsLastAck, uint window, uint lastWindow) =>
        repeatsLastAck && window != 0 && window == lastWindow;

    /// <summary>§6.12: an ACK beyond the highest byte the capture has shown the peer sending.</summary>
    public static bool AcksUnseenData(bool ackFlag, uint ack, uint peerMaxSeqToBeAcked) =>
        ackFlag && peerMaxSeqToBeAcked != 0 && SeqNum.Distance(new SeqNum(ack), new SeqNum(peerMaxSeqToBeAcked)) > 0;

    /// <summary>§6.13: data the peer has already acknowledged in full.</summary>
    public static bool IsSpuriousRetransmission(int seglen, uint seq, uint peerLastAck) =>
        seglen > 0 && peerLastAck != 0 && SeqNum.Distance(new SeqNum(unchecked(seq + (uint)seglen)), new SeqNum(peerLastAck)) <= 0;

    /// <summary>§6.13 F1: soon after the peer's packet, at least the threshold of its duplicate ACKs ask for exactly this segment.</summary>
    public static bool IsFastRetransmissionByDupAcks(long sincePeerNs, long windowNs, int peerDupAcks, int minDupAcks, uint peerLastAck, uint seq) =>
        sincePeerNs < windowNs && peerDupAcks >= minDupAcks && peerLastAck == seq;

    /// <summary>
    /// §6.13 F3: after enough duplicate ACKs, a segment none of the peer's stored SACK blocks
    /// covers. The blocks are relative and the sequence numbers raw, compared as plain unsigned
    /// numbers as Wireshark does.
    /// </summary>
    public static bool IsFastRetransmissionBySack(int peerDupAcks, int minDupAcks, ReadOnlySpan<uint> sackLeft, ReadOnlySpan<uint> sackRight, uint seq, uint end)
    {
        if (peerDupAcks < minDupAcks || sackLeft.Length == 0)
        {
            return false;
        }
        for (int i = 0; i < sackLeft.Length; i++)
        {
            if (seq >= sackLeft[i] && end <= sackRight[i])
            {
                return false;
            }
        }
        return true;
    }
}
