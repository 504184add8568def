using TcpLens.Analysis.Streams;
using TcpLens.Capture.Decoding;

namespace TcpLens.Analysis;

/// <summary>
/// Wireshark's TCP analysis in one streaming pass: conversation lookup and <c>tcp.stream</c>
/// numbering with port-reuse splits, relative sequence numbers, window scaling, every
/// <c>tcp.analysis</c> flag, ACK RTT, initial RTT and bytes in flight, in Wireshark's order
/// (docs/wireshark-tcp-rules.md). Feed frames in capture order.
/// </summary>
public sealed partial class TcpAnalyzer
{
    private readonly Dictionary<ConnectionKey, Conversation> _conversations = [];
    private readonly Dictionary<int, Conversation> _byStream = [];
    private readonly Queue<int> _ended = new();
    private readonly AnalysisOptions _options;
    private int _nextStream;
    private long _nextSweep = long.MinValue;
    private Conversation? _last;

    /// <summary>Creates an analyzer with Wireshark's default options unless others are given.</summary>
    public TcpAnalyzer(AnalysisOptions? options = null) => _options = options ?? AnalysisOptions.Default;

    /// <summary>Streams created so far.</summary>
    public int StreamCount => _nextStream;

    /// <summary>The thresholds in use.</summary>
    public AnalysisOptions Options => _options;

    /// <summary>Streams whose state is still held (not yet ended).</summary>
    public int ActiveStreamCount => _byStream.Count;

    /// <summary>
    /// The current state of a stream that has not ended: endpoints, each direction's sequence
    /// state, completeness and initial RTT. False for unknown or ended streams.
    /// </summary>
    public bool TryGetStream(int stream, out StreamState state)
    {
        if (_byStream.TryGetValue(stream, out Conversation? conv))
        {
            state = StreamState.From(conv);
            return true;
        }
        state = default;
        return false;
    }

    /// <summary>
    /// Takes the next stream that has ended, in the order they ended: replaced by a new stream on
    /// the same ports (port reuse), idle past <see cref="AnalysisOptions.ClosedIdleTimeoutNs"/> or
    /// <see cref="AnalysisOptions.IdleTimeoutNs"/> (its state is dropped, so memory follows the
    /// connections open at a time, not the capture's length), or ended by <see cref="EndAll"/>.
    /// Its state is still readable with <see cref="TryGetStream"/> until the next call to
    /// <see cref="Analyze"/>.
    /// </summary>
    public bool TryTakeEndedStream(out int stream) => _ended.TryDequeue(out stream);

    /// <summary>Ends every stream still held (at the end of the capture).</summary>
    public void EndAll()
    {
        foreach (Conversation conv in _conversations.Values.OrderBy(c => c.Stream))
        {
            _ended.Enqueue(conv.Stream);
        }
        _conversations.Clear();
        _last = null;
        _pendingRelease.AddRange(_byStream.Keys);
    }

    private readonly List<int> _pendingRelease = [];

    /// <summary>
    /// Analyses one decoded frame. Frames that are not TCP, or whose TCP header has fewer than
    /// 14 bytes, get no stream (<see cref="PacketAnalysis.HasStream"/> false).
    /// </summary>
    public PacketAnalysis Analyze(long frameNumber, long timeNs, in TcpSegment segment)
    {
        bool quoted = segment.Outcome == DecodeOutcome.IcmpQuotedTcp;
        if (!(DecodeOutcomeNames.IsTcp(segment.Outcome) || quoted) || !segment.HasFlags)
        {
            return new PacketAnalysis { HasStream = false, WindowSize = -1, BytesInFlight = -1, SegmentLength = -1 };
        }
        if (_pendingRelease.Count > 0)
        {
            ReleaseEnded();
        }
        if (timeNs >= _nextSweep)
        {
            Sweep(timeNs, frameNumber);
        }
        var p = new PacketContext(frameNumber, timeNs, segment);
        var key = ConnectionKey.Create(segment.Source, segment.SourcePort, segment.Destination, segment.DestinationPort, out bool fromLow);
        bool isNew = false;
        Conversation? conv;
        if (_last is not null && _last.Key == key)
        {
            conv = _last;   // consecutive frames of one connection skip the table lookup
        }
        else if (!_conversations.TryGetValue(key, out conv))
        {
            conv = NewConversation(key, fromLow);
            isNew = true;
        }
        if (!isNew && IsExpired(conv, timeNs, frameNumber))
        {
            // decided by this conversation's own gap, not by when a sweep happened to run
            _conversations.Remove(key);
            End(conv);
            conv = NewConversation(key, fromLow);
            isNew = true;
        }
        Flow fwd = fromLow ? conv.Low : conv.High;
        Flow rev = fromLow ? conv.High : conv.Low;
        var record = new Record();

        // Port reuse (§2.3): a SYN or SYN/ACK with another ISN, or after FIN/RST, opens a new stream.
        TcpFlags synAck = segment.Flags & (TcpFlags.Syn | TcpFlags.Ack);
        bool reuse = false;
        if (synAck == TcpFlags.Syn)
        {
            if (fwd.BaseSeqSet)
            {
                if (segment.Sequence != fwd.BaseSeq || (conv.Completeness & (Completeness.Rst | Completeness.Fin)) != 0)
                {
                    reuse = true;
                }
                else
                {
                    fwd.NextSeq = fwd.MaxSeqToBeAcked;
                    record.Exists = true;
                }
            }
            else
            {
                isNew = true;
            }
        }
        else if (synAck == (TcpFlags.Syn | TcpFlags.Ack) && fwd.BaseSeqSet
            && (segment.Sequence != fwd.BaseSeq || (conv.Completeness & (Completeness.Rst | Completeness.Fin)) != 0))
        {
            reuse = true;
        }
        if (reuse)
        {
            conv = NewConversation(key, fromLow);
            fwd = fromLow ? conv.Low : conv.High;
            rev = fromLow ? conv.High : conv.Low;
            isNew = true;
            record.Exists = true;
            record.Flags |= AnalysisFlags.ReusedPorts;
        }

        _last = conv;
        // after the port-reuse split, so the stream that takes this frame is the one stamped
        Touch(conv, fromLow, timeNs, frameNumber, segment.Flags);
        bool ackFlag = segment.Has(TcpFlags.Ack);
        uint relSeq = segment.Sequence;
        uint relAck = segment.Acknowledgement;
        if (!quoted)
        {
            // Relative sequence numbers (§3).
            if (!fwd.BaseSeqSet)
            {
                fwd.BaseSeq = segment.Has(TcpFlags.Syn) ? segment.Sequence : segment.Sequence - 1;
                fwd.BaseSeqSet = true;
            }
            if (!rev.BaseSeqSet && ackFlag)
            {
                rev.BaseSeq = segment.Acknowledgement - 1;
                rev.BaseSeqSet = true;
            }
            relSeq = unchecked(segment.Sequence - fwd.BaseSeq);
            relAck = ackFlag ? unchecked(segment.Acknowledgement - rev.BaseSeq) : segment.Acknowledgement;
        }

        int hlen = segment.HeaderLength;
        int seglen = -1;
        if (!quoted && segment.TcpLength >= hlen)
        {
            seglen = segment.TcpLength - hlen;
            if (segment.HasWindow)
            {
                AnalyzeSequence(conv, fwd, rev, ref p, seglen, ref record);
            }
        }
        long window = -1;
        if (hlen >= 20)
        {
            UpdateCompleteness(conv, segment.Flags, seglen, isNew);
            if (segment.Has(TcpFlags.Syn))
            {
                fwd.IsFirstAck = true;
                if (synAck == TcpFlags.Syn)
                {
                    conv.LastSynTime = timeNs;
                }
            }
            if (ackFlag && !segment.Has(TcpFlags.Syn))
            {
                if (conv.LastSynTime != 0 && conv.InitialRtt == 0)
                {
                    conv.InitialRtt = timeNs - conv.LastSynTime;
                }
                fwd.IsFirstAck = false;
            }
            if (segment.HasWindow)
            {
                window = CalculatedWindow(fwd, segment);
            }
            if (segment.Outcome == DecodeOutcome.Tcp && !quoted)
            {
                ApplyOptions(fwd, rev, segment, ref record);
                if (isNew && fwd.Mss == -1)
                {
                    short mss = (short)(segment.IpVersion == 6 ? 1220 : 536);
                    fwd.Mss = mss;
                    rev.Mss = mss;
                }
                if (segment.Has(TcpFlags.Syn))
                {
                    VerifyWindowScaling(fwd, rev, synAck == (TcpFlags.Syn | TcpFlags.Ack));
                }
            }
        }

        if (hlen < 20 || record.Hidden || (!quoted && (seglen < 0 || segment.OptionsTruncated)))
        {
            // Wireshark never prints the analysis of these frames: it stops at a bogus header
            // length (§1 step 9), and options that run past the reported or captured bytes throw
            // before the analysis is printed (step 16 before 18). The state changes still count.
            record = new Record();
        }
        AnalysisFlags shown = record.Flags;
        if ((shown & (AnalysisFlags.FastRetransmission | AnalysisFlags.SpuriousRetransmission)) != 0)
        {
            shown |= AnalysisFlags.Retransmission;
        }
        return new PacketAnalysis
        {
            HasStream = true,
            Stream = conv.Stream,
            FromFirstSender = fromLow == conv.FirstFromLow,
            RelativeSeq = relSeq,
            RelativeAck = relAck,
            WindowSize = window,
            Flags = shown,
            DupAckNumber = (shown & AnalysisFlags.DuplicateAck) != 0 ? record.DupAckNum : 0,
            DupAckFrame = (shown & AnalysisFlags.DuplicateAck) != 0 ? record.DupAckFrame : 0,
            AcksFrame = record.FrameAcked,
            AckRttNs = record.FrameAcked != 0 && record.AckRtt != 0 ? record.AckRtt : null,
            InitialRttNs = record.Exists && conv.InitialRtt != 0 ? conv.InitialRtt : null,
            BytesInFlight = record.BytesInFlight > 0 ? record.BytesInFlight : -1,
            SegmentLength = seglen,
        };
    }

    private Conversation NewConversation(ConnectionKey key, bool fromLow)
    {
        if (_conversations.TryGetValue(key, out Conversation? replaced))
        {
            End(replaced);
        }
        var conv = new Conversation(_nextStream++, fromLow, key);
        _byStream.Add(conv.Stream, conv);
        _conversations[key] = conv;
        return conv;
    }

    private static void Touch(Conversation conv, bool fromLow, long timeNs, long packet, TcpFlags flags)
    {
        conv.LastTime = timeNs;
        conv.LastPacket = packet;
        bool fin = (flags & TcpFlags.Fin) != 0;
        if (fromLow)
        {
            conv.SeenLow = true;
            conv.FinLow |= fin;
        }
        else
        {
            conv.SeenHigh = true;
            conv.FinHigh |= fin;
        }
        conv.RstSeen |= (flags & TcpFlags.Rst) != 0;
    }

    private void End(Conversation conv)
    {
        _ended.Enqueue(conv.Stream);
        _pendingRelease.Add(conv.Stream);
    }

    private void ReleaseEnded()
    {
        foreach (int stream in _pendingRelease)
        {
            _byStream.Remove(stream);
        }
        _pendingRelease.Clear();
    }

    // Idle conversations end: closed ones (RST, or FIN both ways) after ClosedIdleTimeoutNs,
    // ones never answered after UnansweredIdleTimeoutNs, others after IdleTimeoutNs, and only once
    // MinIdlePackets other packets have passed too, so one wild timestamp (a damaged or fuzzed
    // capture) cannot end them all. Wireshark keeps every conversation for ever; a packet
    // arriving after its conversation ended here opens a new stream (docs/wireshark-parity.md).
    private bool IsExpired(Conversation c, long now, long frame)
    {
        long timeout = c.IsClosed ? _options.ClosedIdleTimeoutNs
            : !c.Answered ? _options.UnansweredIdleTimeoutNs
            : _options.IdleTimeoutNs;
        return now - c.LastTime > timeout && frame - c.LastPacket >= _options.MinIdlePackets;
    }

    private void Sweep(long now, long frame)
    {
        _nextSweep = now + _options.SweepIntervalNs;
        List<ConnectionKey>? expired = null;
        foreach (KeyValuePair<ConnectionKey, Conversation> entry in _conversations)
        {
            Conversation c = entry.Value;
            if (IsExpired(c, now, frame))
            {
                (expired ??= []).Add(entry.Key);
            }
            else if (c.IsClosed)
            {
                c.Low.Segments.TrimIfEmpty();
                c.High.Segments.TrimIfEmpty();
            }
        }
        if (expired is null)
        {
            return;
        }
        foreach (ConnectionKey key in expired)
        {
            End(_conversations[key]);
            _conversations.Remove(key);
            _last = null;
        }
    }

    private static void UpdateCompleteness(Conversation conv, TcpFlags flags, int seglen, bool isNew)
    {
        TcpFlags synAck = flags & (TcpFlags.Syn | TcpFlags.Ack);
        Completeness c = conv.Completeness;
        if (isNew)
        {
            c = Completeness.None;
            if (synAck == TcpFlags.Syn)
            {
                c |= Completeness.Syn;
            }
            if (seglen > 0)
            {
                c |= Completeness.Data;
            }
        }
        if (synAck == (TcpFlags.Syn | TcpFlags.Ack))
        {
            c |= Completeness.SynAck;
        }
        if (synAck == TcpFlags.Ack)
        {
            c |= seglen > 0 ? Completeness.Data : Completeness.Ack;
        }
        if ((flags & (TcpFlags.Fin | TcpFlags.Ack)) == (TcpFlags.Fin | TcpFlags.Ack))
        {
            c |= Completeness.Fin;
        }
        if ((flags & TcpFlags.Rst) != 0)
        {
            c |= Completeness.Rst;
        }
        conv.Completeness = c;
    }

    // §4.1: the sender's own shift; SYN segments are never scaled.
    private long CalculatedWindow(Flow fwd, in TcpSegment segment)
    {
        long raw = segment.Window;
        if (segment.Has(TcpFlags.Syn))
        {
            return raw;
        }
        if (fwd.WinScale >= 0)
        {
            return raw << fwd.WinScale;
        }
        if (fwd.WinScale == -1 && _options.DefaultWindowScaling >= 0)
        {
            return raw << _options.DefaultWindowScaling;
        }
        return raw;
    }

    // §4.2: a SYN without the option means no scaling in either direction.
    private static void VerifyWindowScaling(Flow fwd, Flow rev, bool synAck)
    {
        if (fwd.WinScale == -1)
        {
            fwd.WinScale = -2;
            rev.WinScale = -2;
        }
        else if (synAck && rev.WinScale == -2)
        {
            fwd.WinScale = -2;
        }
    }

    private static void ApplyOptions(Flow fwd, Flow rev, in TcpSegment segment, ref Record record)
    {
        if (segment.HasMss && segment.Has(TcpFlags.Syn))
        {
            fwd.Mss = unchecked((short)segment.Mss);
        }
        if (segment.HasWindowScale)
        {
            fwd.WinScale = Math.Min((int)segment.WindowScale, 14);
        }
        if (segment.HasSack)
        {
            ApplySack(fwd, rev, segment, ref record);
        }
        else
        {
            // A packet without SACK forgets the sender's stored blocks (tshark 4.6.9 behaviour:
            // bytes in flight stops subtracting them once the receiver's ACKs carry no SACK).
            fwd.SackCount = 0;
        }
    }
}
