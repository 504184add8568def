namespace TcpLens.Reports.Explain;

/// <summary>
/// One side's data as the capture shows it, and what its peer said about it: the segments not
/// yet acknowledged (to find the original of a resend), the highest byte sent, the peer's
/// cumulative ACK, the duplicate ACKs and SACK blocks since it last moved, and the gaps the
/// capture holds. Memory follows the bytes in flight, not the length of the stream.
/// </summary>
internal sealed class DataSender(int maxOutstanding)
{
    /// <summary>A segment as first sent, and its latest transmission (IP ID and timestamp of that one).</summary>
    internal sealed class Sent
    {
        public long FirstFrame, FirstTime, LastFrame, LastTime;
        public int Length, IpId, Transmissions = 1, Timeouts, Probes;
        public bool IntoClosedWindow;
        public bool HasTimestamp;
        public uint TsValue;
    }

    /// <summary>Bytes missing before a segment (Wireshark's lost_segment), until something settles them.</summary>
    internal sealed class Gap
    {
        public uint Start, End;
        public long Frame, Time;
        public int IpId;
        public bool HasTimestamp;
        public uint TsValue;
        public required AnomalyGroup Group;

        /// <summary>The parts still missing, in order (resends may fill a gap piece by piece, in any order).</summary>
        public List<(uint Start, uint End)> Missing { get; } = [];

        /// <summary>True when [<paramref name="seq"/>, <paramref name="end"/>) fills some of what is missing.</summary>
        public bool Overlaps(uint seq, uint end) => Missing.Exists(m => (int)(m.Start - end) < 0 && (int)(seq - m.End) < 0);

        /// <summary>Removes [<paramref name="seq"/>, <paramref name="end"/>) from what is missing; true when nothing is left.</summary>
        public bool Fill(uint seq, uint end)
        {
            for (int i = Missing.Count - 1; i >= 0; i--)
            {
                (uint ms, uint me) = Missing[i];
                if ((int)(ms - end) >= 0 || (int)(seq - me) >= 0)
                {
                    continue;
                }
                Missing.RemoveAt(i);
                if ((int)(me - end) > 0)
                {
                    Missing.Insert(i, (end, me));
                }
                if ((int)(seq - ms) > 0)
                {
                    Missing.Insert(i, (ms, seq));
                }
            }
            return Missing.Count == 0;
        }
    }

    // Acknowledged segments are remembered a while longer: a copy made on the path, or a spurious
    // resend, comes after the ACK of its original.
    private const int RecentlyAcked = 4096;
    private readonly Dictionary<uint, Sent> _outstanding = [];
    private readonly Queue<uint> _order = new();
    private readonly Dictionary<uint, Sent> _acked = [];
    private readonly Queue<uint> _ackedOrder = new();

    public List<Gap> Gaps { get; } = [];

    /// <summary>One past the highest byte sent (raw sequence), once any data or SYN was seen.</summary>
    public uint HighestEnd { get; private set; }

    public bool HasSent { get; private set; }

    /// <summary>Time of the side's latest data frame.</summary>
    public long LastDataTime { get; private set; } = long.MinValue;

    public long LastDataFrame { get; private set; }

    /// <summary>Time of the side's latest FIN.</summary>
    public long LastFinTime { get; private set; } = long.MinValue;

    /// <summary>The latest data frame filled the peer's window (Wireshark's window_full).</summary>
    public bool LastDataFilledWindow { get; private set; }

    /// <summary>The latest data frame was a resend of acknowledged bytes or a copy: a duplicate ACK after it answers that, it reports no hole.</summary>
    public bool LastDataWasDuplicate { get; set; }

    /// <summary>The peer's latest ACK advertised a zero window.</summary>
    public bool PeerWindowZero { get; private set; }

    /// <summary>The side's latest data frame was a zero-window probe (Wireshark does not count its byte as sent).</summary>
    public bool LastDataWasZeroWindowProbe { get; private set; }

    /// <summary>The peer's highest cumulative ACK (raw).</summary>
    public uint PeerAck { get; private set; }

    public bool HasPeerAck { get; private set; }

    public long PeerAckTime { get; private set; }

    /// <summary>Duplicate ACKs from the peer since its ACK last moved.</summary>
    public int DupAcks { get; private set; }

    /// <summary>The peer's latest ACK with SACK blocks since its ACK last moved, or 0.</summary>
    public long SackFrame { get; private set; }

    /// <summary>Time of the latest duplicate ACK or SACK since the ACK last moved.</summary>
    public long TriggerTime { get; private set; } = long.MinValue;

    public bool HasTrigger => DupAcks > 0 || SackFrame != 0;

    /// <summary>The peer's latest forward ACK acknowledged bytes that had been sent more than once.</summary>
    public bool LastAdvanceCoveredResend { get; private set; }

    /// <summary>The frame of the peer's latest forward ACK.</summary>
    public long LastAdvanceFrame { get; private set; }

    /// <summary>A resend happened and the peer has not yet acknowledged everything sent before it: the sender is recovering from a loss.</summary>
    public bool InRecovery { get; private set; }

    private uint _recoveryEnd;

    /// <summary>Notes a resend: recovery lasts until the peer acknowledges all that was sent by then.</summary>
    public void OnResend()
    {
        if (!InRecovery)
        {
            InRecovery = true;
            _recoveryEnd = HighestEnd;
        }
    }

    /// <summary>Segments sent and not yet acknowledged.</summary>
    public int OutstandingCount => _outstanding.Count;

    /// <summary>The segment sent at <paramref name="rawSeq"/>, outstanding or acknowledged not long ago.</summary>
    public bool TryGetSent(uint rawSeq, out Sent sent) => _outstanding.TryGetValue(rawSeq, out sent!) || _acked.TryGetValue(rawSeq, out sent!);

    /// <summary>Notes a data segment (or SYN/FIN) of this side.</summary>
    public void OnSent(in ExplainFrame f, uint rawEnd, bool isData)
    {
        if (!HasSent || (int)(rawEnd - HighestEnd) > 0)
        {
            HighestEnd = rawEnd;
            HasSent = true;
        }
        if (f.Has(Capture.Decoding.TcpFlags.Fin))
        {
            LastFinTime = f.Time;
        }
        if (!isData)
        {
            return;
        }
        bool closed = PeerWindowZero || LastDataFilledWindow;
        LastDataTime = f.Time;
        LastDataFrame = f.Number;
        LastDataFilledWindow = f.Is(Analysis.AnalysisFlags.WindowFull);
        LastDataWasZeroWindowProbe = f.Is(Analysis.AnalysisFlags.ZeroWindowProbe);
        if (_outstanding.TryGetValue(f.RawSeq, out Sent? s) || _acked.TryGetValue(f.RawSeq, out s))
        {
            s.Transmissions++;
            s.LastFrame = f.Number;
            s.LastTime = f.Time;
            s.IpId = f.IpId;
            s.HasTimestamp = f.HasTimestamps;
            s.TsValue = f.TsValue;
            return;
        }
        if (_outstanding.Count >= maxOutstanding && _order.TryDequeue(out uint oldest))
        {
            _outstanding.Remove(oldest);
        }
        _outstanding[f.RawSeq] = new Sent
        {
            FirstFrame = f.Number, FirstTime = f.Time, LastFrame = f.Number, LastTime = f.Time, Length = f.Length,
            IpId = f.IpId, HasTimestamp = f.HasTimestamps, TsValue = f.TsValue, IntoClosedWindow = closed,
        };
        _order.Enqueue(f.RawSeq);
    }

    /// <summary>
    /// Notes an ACK from the peer; true when it moved the cumulative ACK forward.
    /// <paramref name="acksResend"/> tells whether it acknowledged bytes sent more than once, whose
    /// round-trip sample is ambiguous (Karn's rule: it may time the original or the resend).
    /// </summary>
    public bool OnPeerAck(in ExplainFrame ack, out bool acksResend)
    {
        acksResend = false;
        PeerWindowZero = ack.Window == 0;
        bool advanced = !HasPeerAck || (int)(ack.RawAck - PeerAck) > 0;
        if (advanced)
        {
            PeerAck = ack.RawAck;
            HasPeerAck = true;
            PeerAckTime = ack.Time;
            LastAdvanceFrame = ack.Number;
            DupAcks = 0;
            SackFrame = 0;
            TriggerTime = long.MinValue;
            while (_order.TryPeek(out uint seq) && (!_outstanding.TryGetValue(seq, out Sent? s) || (int)(PeerAck - unchecked(seq + (uint)s.Length)) >= 0))
            {
                acksResend |= s is { Transmissions: > 1 };
                _order.Dequeue();
                if (_outstanding.Remove(seq, out Sent? done))
                {
                    Remember(seq, done);
                }
            }
            LastAdvanceCoveredResend = acksResend;
            if (InRecovery && (int)(PeerAck - _recoveryEnd) >= 0)
            {
                InRecovery = false;
            }
            // a partial ACK during recovery still reports the holes above it
            if (ack.SackBlockCount > 0 && (int)(ack.HighestSackEdge - ack.RawAck) > 0)
            {
                SackFrame = ack.Number;
                TriggerTime = ack.Time;
            }
            return true;
        }
        if (ack.Is(Analysis.AnalysisFlags.DuplicateAck))
        {
            DupAcks++;
            TriggerTime = ack.Time;
        }
        if (ack.SackBlockCount > 0 && (int)(ack.HighestSackEdge - ack.RawAck) > 0)
        {
            SackFrame = ack.Number;
            TriggerTime = ack.Time;
        }
        return false;
    }

    private void Remember(uint seq, Sent sent)
    {
        if (_ackedOrder.Count >= RecentlyAcked && _ackedOrder.TryDequeue(out uint old))
        {
            _acked.Remove(old);
        }
        if (_acked.TryAdd(seq, sent))
        {
            _ackedOrder.Enqueue(seq);
        }
        else
        {
            _acked[seq] = sent;
        }
    }

    /// <summary>The oldest open gap, or null.</summary>
    public Gap? OldestGap => Gaps.Count > 0 ? Gaps[0] : null;

    /// <summary>The oldest open gap that [<paramref name="seq"/>, <paramref name="end"/>) fills some of, or null.</summary>
    public Gap? GapFilledBy(uint seq, uint end) => Gaps.Find(g => g.Overlaps(seq, end));

    /// <summary>The open gap holding <paramref name="rawSeq"/>, or null.</summary>
    public Gap? GapAt(uint rawSeq) => Gaps.Find(g => (int)(rawSeq - g.Start) >= 0 && (int)(rawSeq - g.End) < 0);
}
