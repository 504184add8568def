using TcpLens.Analysis.Rules;
using TcpLens.Analysis.Streams;
using TcpLens.Capture.Decoding;

namespace TcpLens.Analysis;

public sealed partial class TcpAnalyzer
{
    /// <summary>The frame being analysed.</summary>
    private readonly struct PacketContext(long frame, long time, in TcpSegment segment)
    {
        public readonly long Frame = frame;
        public readonly long Time = time;
        public readonly uint Seq = segment.Sequence;
        public readonly uint Ack = segment.Acknowledgement;
        public readonly TcpFlags Flags = segment.Flags;
        public readonly uint Window = segment.Window;

        public bool Has(TcpFlags f) => (Flags & f) != 0;

        public bool SynFinRst => (Flags & (TcpFlags.Syn | TcpFlags.Fin | TcpFlags.Rst)) != 0;

        public bool SynOrFin => (Flags & (TcpFlags.Syn | TcpFlags.Fin)) != 0;
    }

    /// <summary>Wireshark's per-frame analysis record ("ta"); whether it exists decides what is shown.</summary>
    private struct Record
    {
        public bool Exists;
        public AnalysisFlags Flags;
        public int DupAckNum;
        public long DupAckFrame;
        public long FrameAcked;
        public long AckRtt;
        public long BytesInFlight;

        /// <summary>Wireshark's dissection throws before printing this frame's analysis.</summary>
        public bool Hidden;

        public void Set(AnalysisFlags flag)
        {
            Exists = true;
            Flags |= flag;
        }
    }

    // tcp_analyze_sequence_number (§6, §7): the checks in Wireshark's order, then the state update.
    private void AnalyzeSequence(Conversation conv, Flow fwd, Flow rev, ref PacketContext p, int seglen, ref Record r)
    {
        uint seq = p.Seq, ack = p.Ack;
        if (p.Has(TcpFlags.Ack))
        {
            rev.ValidBytesInFlight = true;
        }

        if (SequenceRules.IsZeroWindowProbe(seglen, seq, fwd.NextSeq, rev.Window))
        {
            r.Set(AnalysisFlags.ZeroWindowProbe);
        }
        else
        {
            if (SequenceRules.IsZeroWindow(p.Window, p.SynFinRst))
            {
                r.Set(AnalysisFlags.ZeroWindow);
            }
            if (SequenceRules.IsLostSegment(seq, fwd.NextSeq, p.Has(TcpFlags.Rst)))
            {
                r.Set(AnalysisFlags.LostSegment);
                fwd.ValidBytesInFlight = false;
            }
            if (SequenceRules.IsKeepAlive(seglen, seq, fwd.NextSeq, p.SynFinRst))
            {
                r.Set(AnalysisFlags.KeepAlive);
            }
            if (SequenceRules.IsWindowUpdate(seglen, p.Window, fwd.Window, seq, fwd.NextSeq, ack, fwd.LastAck, p.SynFinRst))
            {
                r.Set(AnalysisFlags.WindowUpdate);
            }
            if (SequenceRules.IsWindowFull(seglen, seq, p.SynFinRst, rev.WinScale, rev.IsFirstAck, rev.LastAck, rev.Window))
            {
                r.Set(AnalysisFlags.WindowFull);
            }
            bool repeatsAck = SequenceRules.RepeatsLastAck(seglen, seq, fwd.NextSeq, ack, fwd.LastAck, p.SynFinRst);
            if (SequenceRules.IsKeepAliveAck(repeatsAck, p.Window, fwd.Window, rev.LastSegmentFlags))
            {
                r.Set(AnalysisFlags.KeepAliveAck);
            }
            else if (SequenceRules.IsZeroWindowProbeAck(seglen, p.Window, fwd.Window, seq, fwd.NextSeq, ack, fwd.LastAck, rev.LastSegmentFlags, p.SynFinRst))
            {
                r.Set(AnalysisFlags.ZeroWindowProbeAck);
                // the receiver took the probe's byte (issue 10745)
                if (ack == unchecked(fwd.LastAck + 1))
                {
                    rev.NextSeq = ack;
                    rev.MaxSeqToBeAcked = ack;
                }
            }
            else if (SequenceRules.IsDuplicateAck(repeatsAck, p.Window, fwd.Window))
            {
                fwd.DupAckNum++;
                r.Set(AnalysisFlags.DuplicateAck);
                r.DupAckNum = fwd.DupAckNum;
                r.DupAckFrame = fwd.LastNonDupAck;
            }
        }

        // finished_fwd: the duplicate-ACK counter restarts when the ACK number moves.
        if (ack != fwd.LastAck)
        {
            fwd.LastNonDupAck = p.Frame;
            fwd.DupAckNum = 0;
        }

        if (SequenceRules.AcksUnseenData(p.Has(TcpFlags.Ack), ack, rev.MaxSeqToBeAcked))
        {
            AckedUnseen(fwd, rev, ref p, ref r);
        }

        Retransmissions(conv, fwd, rev, ref p, seglen, ref r);
        UpdateState(fwd, rev, ref p, seglen, ref r);
    }

    private static void AckedUnseen(Flow fwd, Flow rev, ref PacketContext p, ref Record r)
    {
        uint ack = p.Ack;
        r.Exists = true;
        if (ack == unchecked(fwd.LastAck + 1) && p.Seq == fwd.NextSeq && (rev.LastSegmentFlags & AnalysisFlags.ZeroWindowProbe) != 0)
        {
            rev.NextSeq = ack;
            rev.MaxSeqToBeAcked = ack;
            r.Set(AnalysisFlags.WindowUpdate);
            return;
        }
        uint tailLeft = 0, tailRight = 0;
        UnackedSegments u = rev.Segments;
        for (int i = u.Count - 1; i >= 0; i--)
        {
            ref UnackedSegment e = ref u[i];
            if (tailLeft == tailRight)
            {
                tailLeft = e.Seq;
                tailRight = e.NextSeq;
            }
            if (SeqNum.Distance(new SeqNum(e.Seq), new SeqNum(ack)) >= 0)
            {
                if (e.NextSeq == tailLeft)
                {
                    tailLeft = e.Seq;
                }
                else
                {
                    tailLeft = e.Seq;
                    tailRight = e.NextSeq;
                }
            }
        }
        rev.MaxSeqToBeAcked = ack == tailLeft && SeqNum.Distance(new SeqNum(tailRight), new SeqNum(ack)) > 0 ? tailRight : ack;
        r.Set(AnalysisFlags.AckLostSegment);
    }

    // §6.13: spurious, fast, out-of-order or plain retransmission.
    private void Retransmissions(Conversation conv, Flow fwd, Flow rev, ref PacketContext p, int seglen, ref Record r)
    {
        uint seq = p.Seq;
        bool notAdvanced = fwd.NextSeq != 0 && SeqNum.Distance(new SeqNum(seq), new SeqNum(fwd.NextSeq)) < 0;
        if (!(seglen > 0 || p.SynOrFin))
        {
            return;
        }
        if (r.Exists && (r.Flags & AnalysisFlags.KeepAlive) != 0)
        {
            return;
        }
        if (seglen > 1 && seq == unchecked(fwd.NextSeq - 1))
        {
            notAdvanced = false;
        }
        uint end = unchecked(seq + (uint)seglen);
        if (SequenceRules.IsSpuriousRetransmission(seglen, seq, rev.LastAck))
        {
            r.Set(AnalysisFlags.SpuriousRetransmission);
            return;
        }
        if (!notAdvanced)
        {
            return;
        }
        long t = Math.Max(0, p.Time - rev.LastAckTime);
        bool fastFirst = _options.FastRetransmissionFirst;
        if (fastFirst && IsFast(rev, seq, end, t))
        {
            r.Set(AnalysisFlags.FastRetransmission);
            return;
        }
        long threshold = conv.InitialRtt != 0 ? conv.InitialRtt : _options.OutOfOrderDefaultNs;
        bool already = false;
        UnackedSegments u = fwd.Segments;
        for (int i = u.Count - 1; i >= 0; i--)
        {
            ref UnackedSegment e = ref u[i];
            if (SeqNum.Distance(new SeqNum(seq), new SeqNum(e.Seq)) >= 0 && SeqNum.Distance(new SeqNum(end), new SeqNum(e.NextSeq)) <= 0)
            {
                already = true;
                e.Karn = true;
                r.Exists = true;
                break;
            }
        }
        if (t < threshold && !already)
        {
            uint expectedNext = unchecked(end + (p.SynOrFin ? 1u : 0u));
            if (fwd.NextSeq != expectedNext || fwd.LastAckLength == 0)
            {
                r.Set(AnalysisFlags.OutOfOrder);
                return;
            }
        }
        if (!fastFirst && IsFast(rev, seq, end, t))
        {
            r.Set(AnalysisFlags.FastRetransmission);
            return;
        }
        r.Set(AnalysisFlags.Retransmission);
    }

    private bool IsFast(Flow rev, uint seq, uint end, long t)
    {
        if (t >= _options.FastRetransmissionWindowNs)
        {
            return false;
        }
        if (SequenceRules.IsFastRetransmissionByDupAcks(t, _options.FastRetransmissionWindowNs, rev.DupAckNum, _options.FastRetransmissionDupAcks, rev.LastAck, seq))
        {
            return true;
        }
        // Wireshark's source also has an RFC 6675 rule (lastack == seq and more than 2 MSS SACKed).
        // tshark 4.6.9 never applies it: on the reference captures it would turn 26 frames that
        // 4.6.9 calls out-of-order or retransmission into fast retransmissions, and none the other
        // way (docs/wireshark-tcp-rules.md §6.13, F2).
        // Stored SACK edges are relative while seq is raw: Wireshark compares them as they are.
        return SequenceRules.IsFastRetransmissionBySack(rev.DupAckNum, _options.FastRetransmissionDupAcks,
            ((ReadOnlySpan<uint>)rev.SackLeft)[..rev.SackCount], ((ReadOnlySpan<uint>)rev.SackRight)[..rev.SackCount], seq, end);
    }

    // §7: remember the segment, advance nextseq, update the direction's state, match ACKs, bytes in flight.
    private void UpdateState(Flow fwd, Flow rev, ref PacketContext p, int seglen, ref Record r)
    {
        uint seq = p.Seq;
        uint end = unchecked(seq + (uint)seglen);
        bool synFin = p.SynOrFin;
        if ((seglen > 0 || synFin) && fwd.Segments.Count < _options.MaxUnackedSegments)
        {
            end = unchecked(end + (synFin ? 1u : 0u));
            bool karn = (r.Flags & (AnalysisFlags.Retransmission | AnalysisFlags.FastRetransmission | AnalysisFlags.SpuriousRetransmission)) != 0;
            fwd.Segments.Add(seq, end, p.Frame, p.Time, karn);
        }
        if (fwd.NextSeq == 0 || SeqNum.Distance(new SeqNum(end), new SeqNum(unchecked(fwd.NextSeq + (synFin ? 1u : 0u)))) > 0)
        {
            fwd.LastAckLength = unchecked((byte)seglen);
        }
        bool zwp = (r.Flags & AnalysisFlags.ZeroWindowProbe) != 0;
        if ((SeqNum.Distance(new SeqNum(end), new SeqNum(fwd.NextSeq)) > 0 || fwd.NextSeq == 0) && !zwp)
        {
            fwd.NextSeq = end;
            fwd.NextSeqFrame = p.Frame;
            fwd.NextSeqTime = p.Time;
        }
        if ((seq == fwd.MaxSeqToBeAcked || fwd.MaxSeqToBeAcked == 0) && !zwp)
        {
            fwd.MaxSeqToBeAcked = fwd.NextSeq;
        }
        fwd.Window = p.Window;
        fwd.LastAck = p.Ack;
        fwd.LastAckTime = p.Time;
        fwd.LastSegmentFlags = r.Exists ? r.Flags : AnalysisFlags.None;

        MatchAck(rev.Segments, p.Ack, p.Time, ref r);

        // Bytes in flight (§8.3), default method.
        if (seglen != 0 && fwd.ValidBytesInFlight && fwd.Segments.Count > 0)
        {
            uint inFlight = SegmentSpan(fwd.Segments, fwd.BaseSeq);
            if (rev.SackCount > 0)
            {
                inFlight = unchecked(inFlight - rev.SackedBytes());
            }
            r.Exists = true;
            if (inFlight > 0 && inFlight < 2_000_000_000)
            {
                r.BytesInFlight = inFlight - (synFin ? 1 : 0);
            }
        }
    }

    // §7 step 8: the ACK against the peer's un-ACKed segments. Wireshark walks them newest first;
    // each segment the ACK ends at gives an RTT sample and goes, a segment the ACK falls inside
    // is trimmed to it and gives a sample, segments below the ACK go without one, and the oldest
    // match's sample is the one kept.
    private static void MatchAck(UnackedSegments u, uint ack, long time, ref Record r)
    {
        if (u.InOrder)
        {
            // Same result in order: only a prefix is touched (everything from the first segment
            // at or above the ACK on is above it), with at most one match.
            while (u.Count > 0)
            {
                ref UnackedSegment e = ref u[0];
                if (SeqNum.Distance(new SeqNum(e.Seq), new SeqNum(ack)) >= 0)
                {
                    return;
                }
                if (ack == e.NextSeq || SeqNum.Distance(new SeqNum(ack), new SeqNum(e.NextSeq)) < 0)
                {
                    r.Exists = true;
                    r.FrameAcked = e.Frame;
                    r.AckRtt = time - e.Time;
                    if (ack != e.NextSeq)
                    {
                        e.Seq = ack;
                        return;
                    }
                }
                u.RemoveAt(0);
            }
            return;
        }
        for (int i = u.Count - 1; i >= 0; i--)
        {
            ref UnackedSegment e = ref u[i];
            if (ack == e.NextSeq)
            {
                r.Exists = true;
                r.FrameAcked = e.Frame;
                r.AckRtt = time - e.Time;
                u.RemoveAt(i);
            }
            else if (SeqNum.Distance(new SeqNum(ack), new SeqNum(e.Seq)) > 0 && SeqNum.Distance(new SeqNum(ack), new SeqNum(e.NextSeq)) <= 0)
            {
                e.Seq = ack;
                r.Exists = true;
                r.FrameAcked = e.Frame;
                r.AckRtt = time - e.Time;
            }
            else if (SeqNum.Distance(new SeqNum(e.NextSeq), new SeqNum(ack)) > 0)
            {
                // not acknowledged yet
            }
            else
            {
                u.RemoveAt(i);
            }
        }
    }

    // §8.3: the span of the un-ACKed segments, relative to the base, as unsigned minimum and
    // maximum. In order and without wrapping that is the oldest start and the newest end.
    private static uint SegmentSpan(UnackedSegments u, uint baseSeq)
    {
        uint oldest = unchecked(u[0].Seq - baseSeq);
        uint newest = unchecked(u[u.Count - 1].NextSeq - baseSeq);
        if (u.InOrder && oldest <= newest)
        {
            return newest - oldest;
        }
        uint first = uint.MaxValue, last = 0;
        for (int i = 0; i < u.Count; i++)
        {
            ref UnackedSegment e = ref u[i];
            first = Math.Min(first, unchecked(e.Seq - baseSeq));
            last = Math.Max(last, unchecked(e.NextSeq - baseSeq));
        }
        return unchecked(last - first);
    }

    // §9: store the SACK blocks (relative to the data sender's base, for bytes in flight) and turn
    // a window update that carries SACK into a duplicate ACK (issue 14937). Wireshark's second
    // late rule ("a new SACK block makes an ACK Dup ACK #1") never fires in tshark 4.6.9: checked
    // with crafted captures (an advancing ACK, a partial ACK and a data segment, each with a new
    // block) and on every reference capture, so it is not applied (docs/wireshark-tcp-rules.md §9.2).
    private static void ApplySack(Flow fwd, Flow rev, in TcpSegment segment, ref Record r)
    {
        uint relBase = rev.BaseSeqSet ? rev.BaseSeq : 0;
        int count = segment.SackBlockCount;
        for (int i = 0; i < count; i++)
        {
            fwd.SackLeft[i] = unchecked(segment.Sack[i].Left - relBase);
            fwd.SackRight[i] = unchecked(segment.Sack[i].Right - relBase);
        }
        fwd.SackCount = count;
        // With no whole block, Wireshark's D-SACK test reads the option's first edges anyway and
        // throws, so nothing after it (the analysis included) is printed for this frame.
        uint relAck = segment.Has(TcpFlags.Ack) ? unchecked(segment.Acknowledgement - relBase) : segment.Acknowledgement;
        if (count == 0 && SeqNum.Distance(new SeqNum(0), new SeqNum(relAck)) <= 0)
        {
            r.Hidden = true;
        }
        if ((r.Flags & AnalysisFlags.WindowUpdate) != 0)
        {
            r.Flags &= ~AnalysisFlags.WindowUpdate;
            fwd.DupAckNum++;
            r.Flags |= AnalysisFlags.DuplicateAck;
            r.DupAckNum = fwd.DupAckNum;
            r.DupAckFrame = fwd.LastNonDupAck;
        }
    }
}
