using TcpLens.Analysis;
using TcpLens.Capture.Decoding;

namespace TcpLens.Reports.Explain;

/// <summary>
/// Turns the stream's frames, one at a time, into events with their causes, grouped into
/// episodes. Every frame that carries a Wireshark analysis flag becomes at least one event, so
/// every anomalous frame is named. Work per frame is constant on average: memory follows the
/// bytes in flight and the number of episodes.
/// </summary>
internal sealed class AnomalyFinder
{
    private readonly ExplainOptions _options;
    private readonly DataSender _client, _server;
    private RttEstimate _rttClientData, _rttServerData;
    private long _irtt;
    private readonly List<AnomalyGroup> _groups = [];
    private readonly Dictionary<(AnomalyFamily, bool), AnomalyGroup> _open = [];
    private readonly Dictionary<bool, (long Frame, long Time, KindStats Stats)> _zeroSince = [];
    private long _firstSynTime = -1, _firstSynAckTime = -1;

    public AnomalyFinder(ExplainOptions options)
    {
        _options = options;
        _client = new DataSender(options.MaxOutstandingSegments);
        _server = new DataSender(options.MaxOutstandingSegments);
    }

    /// <summary>Episodes in stream order of their first frame.</summary>
    public IReadOnlyList<AnomalyGroup> Groups => _groups;

    /// <summary>Frames that carried an analysis flag.</summary>
    public long AnomalousFrames { get; private set; }

    /// <summary>The connection's round trip as the capture point sees it (the initial RTT, or the slower side's smoothed ACK RTT).</summary>
    public long RoundTripNs => Math.Max(_irtt, Math.Max(_rttClientData.SmoothedNs, _rttServerData.SmoothedNs));

    /// <summary>The soonest a retransmission timer could fire: the floor, or more when the connection's own RTT samples say so.</summary>
    public long TimeoutFloorNs => Math.Max(_options.MinRtoNs, Math.Max(_rttClientData.TimeoutNs, _rttServerData.TimeoutNs));

    private DataSender Sender(bool c2s) => c2s ? _client : _server;

    public void Add(in ExplainFrame f)
    {
        Sample(f);
        if (f.Analysis != AnalysisFlags.None)
        {
            AnomalousFrames++;
        }
        DataSender mine = Sender(f.C2S);
        DataSender.Gap? filled = f.Length > 0 ? mine.GapFilledBy(f.RawSeq, f.RawEnd) : null;
        AnomalyKind? resend = null;
        if (f.Is(AnalysisFlags.Retransmission))
        {
            resend = Resend(f, mine, filled);
        }
        else if (filled is not null)
        {
            // bytes that fill a gap without Wireshark calling them a retransmission: the original
            // arriving late (reordering), or an early resend; the sender's IP ID or timestamp tells
            switch (FillerAge(f, filled))
            {
                case > 0:
                    resend = Resend(f, mine, filled);
                    break;
                case < 0:
                    Settle(mine, filled, g => g.FilledLate++, f.RawSeq, f.RawEnd);
                    break;
                default:
                    Settle(mine, filled, g => g.FilledUnclear++, f.RawSeq, f.RawEnd);
                    break;
            }
        }
        if (f.Is(AnalysisFlags.OutOfOrder) && resend is null)
        {
            Event(AnomalyKind.OutOfOrder, f, f.C2S, filled?.Group).Add(f.Number, f.Length, f.Seq, f.End);
        }
        if (f.Is(AnalysisFlags.LostSegment))
        {
            Lost(f, mine);
        }
        Receiver(f);
        WindowAndIdle(f);
        // the state after the frame: its ACK for the other side's data, then its own bytes
        bool acksResend = false;
        if (f.Has(TcpFlags.Ack) && !f.Has(TcpFlags.Rst))
        {
            DataSender theirs = Sender(!f.C2S);
            if (theirs.OnPeerAck(f, out acksResend))
            {
                SettleAcked(theirs);
            }
        }
        // an ACK's RTT times the other side's data; not when that data was sent twice (Karn)
        if (f.AckRtt is > 0 and var rtt && !acksResend)
        {
            if (f.C2S)
            {
                _rttServerData.Add(rtt);
            }
            else
            {
                _rttClientData.Add(rtt);
            }
        }
        bool syn = f.Has(TcpFlags.Syn), fin = f.Has(TcpFlags.Fin);
        if (f.Length > 0 || syn || fin)
        {
            mine.OnSent(f, unchecked(f.RawEnd + (syn ? 1u : 0u) + (fin ? 1u : 0u)), f.Length > 0);
            if (f.Length > 0)
            {
                mine.LastDataWasDuplicate = resend is AnomalyKind.Spurious or AnomalyKind.PathCopy;
            }
        }
    }

    // Positive when the frame that fills a gap was sent after the segment that revealed the gap
    // (a newer IP ID or TCP timestamp: a resend), negative when before (the original, reordered),
    // 0 when nothing tells.
    private static int FillerAge(in ExplainFrame f, DataSender.Gap gap)
    {
        if (f.IpId > 0 && gap.IpId > 0 && f.IpId != gap.IpId)
        {
            return (ushort)(f.IpId - gap.IpId) < 0x8000 ? 1 : -1;
        }
        if (f.HasTimestamps && gap.HasTimestamp && f.TsValue != gap.TsValue)
        {
            return (int)(f.TsValue - gap.TsValue) > 0 ? 1 : -1;
        }
        return 0;
    }

    private void Sample(in ExplainFrame f)
    {
        if (f.InitialRtt is > 0 and var irtt)
        {
            _irtt = irtt;
        }
        if (f.IsSyn && _firstSynTime < 0)
        {
            _firstSynTime = f.Time;
        }
        if (f.IsSynAck && _firstSynAckTime < 0)
        {
            _firstSynAckTime = f.Time;
        }
    }

    private AnomalyKind Resend(in ExplainFrame f, DataSender mine, DataSender.Gap? filled)
    {
        bool captured = mine.TryGetSent(f.RawSeq, out DataSender.Sent original);
        DataSender.Gap? gap = captured ? null : filled ?? mine.GapAt(f.RawSeq);
        long origin = captured ? original.LastTime : gap?.Time ?? long.MinValue;
        bool syn = f.Has(TcpFlags.Syn);
        if (syn)
        {
            origin = f.IsSyn ? _firstSynTime : _firstSynAckTime;
        }
        else if (f.Length == 0 && f.Has(TcpFlags.Fin) && mine.LastFinTime != long.MinValue)
        {
            origin = mine.LastFinTime;
        }
        long since = origin == long.MinValue ? -1 : f.Time - origin;
        bool ipIdKnown = captured && original.IpId > 0 && f.IpId > 0;
        var evidence = new RetransmissionRules.Evidence(
            f.Analysis, syn, captured, since,
            ipIdKnown, ipIdKnown && original.IpId == f.IpId,
            captured && original.HasTimestamp && f.HasTimestamps, captured && original.HasTimestamp && f.HasTimestamps && original.TsValue == f.TsValue,
            captured && original.Length == f.Length,
            mine.DupAcks, mine.SackFrame != 0, mine.TriggerTime == long.MinValue ? long.MaxValue : f.Time - mine.TriggerTime,
            f.Length > 0 && f.RawEnd == mine.HighestEnd,
            mine.LastDataTime == long.MinValue ? long.MaxValue : f.Time - mine.LastDataTime,
            captured ? original.Timeouts : 0,
            captured ? original.Probes : 0,
            mine.InRecovery,
            (mine.LastDataFilledWindow || mine.PeerWindowZero || (captured && original.IntoClosedWindow)) && !syn,
            mine.LastAdvanceCoveredResend, mine.HasPeerAck ? f.Time - mine.PeerAckTime : -1,
            RoundTripNs, TimeoutFloorNs);
        RetransmissionCause cause = RetransmissionRules.Classify(evidence, _options);
        AnomalyKind kind = cause == RetransmissionCause.HandshakeTimer && !f.IsSyn ? AnomalyKind.SynAckRetransmission : AnomalyKinds.Of(cause);
        if (cause is RetransmissionCause.Timeout or RetransmissionCause.WindowProbe && captured)
        {
            original.Timeouts++; // both are the retransmission timer's doing, backing off
        }
        if (cause == RetransmissionCause.TailLossProbe && captured)
        {
            original.Probes++;
        }
        if (cause is not (RetransmissionCause.PathCopy or RetransmissionCause.HandshakeTimer or RetransmissionCause.WindowProbe))
        {
            mine.OnResend();
        }
        KindStats k = Event(kind, f, f.C2S, filled?.Group ?? gap?.Group);
        k.Add(f.Number, f.Length, f.Seq, f.End);
        if (f.Is(AnalysisFlags.OutOfOrder))
        {
            k.FlaggedOutOfOrder++;
        }
        if (since >= 0)
        {
            k.Delay(since);
        }
        k.Floor(evidence.TimeoutFloorNs);
        if (cause == RetransmissionCause.Spurious)
        {
            // what sent it, as if the ACKs had never come (they did not reach the sender)
            switch (RetransmissionRules.Classify(evidence with { Flags = f.Analysis & ~AnalysisFlags.SpuriousRetransmission }, _options))
            {
                case RetransmissionCause.Timeout:
                    k.SpuriousTimeouts++;
                    break;
                case RetransmissionCause.TailLossProbe:
                    k.SpuriousProbes++;
                    break;
            }
        }
        if (!captured && !syn)
        {
            k.OriginalsUncaptured++;
        }
        else if (captured && original.Transmissions > 1)
        {
            k.Repeats++;
        }
        if (cause == RetransmissionCause.Fast || cause == RetransmissionCause.SackRecovery)
        {
            k.Trigger(mine.DupAcks);
        }
        if (cause == RetransmissionCause.PathCopy && k.ExampleOriginal == 0)
        {
            k.ExampleOriginal = original.LastFrame;
            k.ExampleIpId = evidence.SameIpId ? f.IpId : -1;
        }
        if (cause != RetransmissionCause.PathCopy && filled is not null)
        {
            long repair = f.Time - filled.Time, frame = f.Number;
            Settle(mine, filled, g => g.Repair(repair, frame), f.RawSeq, f.RawEnd);
        }
        return kind;
    }

    // A gap is settled once: repaired, filled late, or acknowledged without passing the capture
    // point. A frame that fills only part of it leaves the rest open (two segments lost, resent
    // one by one, in any order); the frame that fills the last part decides.
    private static void Settle(DataSender sender, DataSender.Gap gap, Action<KindStats> how, uint seq, uint end)
    {
        if (!gap.Fill(seq, end))
        {
            return;
        }
        how(gap.Group.Find(AnomalyKind.Lost)!);
        gap.Group.OpenGaps--;
        sender.Gaps.Remove(gap);
    }

    // An ACK past a gap that no captured frame filled: the bytes were delivered, the capture missed them.
    private static void SettleAcked(DataSender theirs)
    {
        for (int i = theirs.Gaps.Count - 1; i >= 0; i--)
        {
            DataSender.Gap g = theirs.Gaps[i];
            if ((int)(theirs.PeerAck - g.End) >= 0)
            {
                g.Group.Find(AnomalyKind.Lost)!.MissedByCapture++;
                g.Group.OpenGaps--;
                theirs.Gaps.RemoveAt(i);
            }
        }
    }

    private void Lost(in ExplainFrame f, DataSender mine)
    {
        KindStats k = Event(AnomalyKind.Lost, f, f.C2S);
        uint start = mine.HasSent ? mine.HighestEnd : f.RawSeq;
        long missing = (int)(f.RawSeq - start);
        if (missing <= 0)
        {
            // Wireshark's flag, though the capture holds every byte before the segment
            k.Add(f.Number, 0, f.Seq, f.Seq);
            if (mine.LastDataWasZeroWindowProbe)
            {
                k.AfterProbe++;
            }
            return;
        }
        uint relStart = unchecked(f.Seq - (uint)missing);
        k.Add(f.Number, missing, relStart, f.Seq);
        k.SizedGaps++;
        AnomalyGroup group = _open[(AnomalyFamily.Loss, f.C2S)];
        var newGap = new DataSender.Gap { Start = start, End = f.RawSeq, Frame = f.Number, Time = f.Time, IpId = f.IpId, HasTimestamp = f.HasTimestamps, TsValue = f.TsValue, Group = group };
        newGap.Missing.Add((start, f.RawSeq));
        if (mine.Gaps.Count >= _options.MaxOutstandingSegments)
        {
            mine.Gaps[0].Group.OpenGaps--;
            mine.Gaps.RemoveAt(0);
        }
        mine.Gaps.Add(newGap);
        group.OpenGaps++;
    }

    // Duplicate ACKs (with or without SACK, D-SACK) and ACKs of bytes the capture never showed.
    private void Receiver(in ExplainFrame f)
    {
        DataSender theirs = Sender(!f.C2S);
        if (f.Is(AnalysisFlags.AckLostSegment))
        {
            KindStats k = Event(AnomalyKind.AckedUnseen, f, !f.C2S, theirs.OldestGap?.Group);
            k.Add(f.Number, 0, 0, 0);
            uint ack = f.RawAck;
            if (theirs.HasSent && (int)(ack - theirs.HighestEnd) <= 0 && !theirs.Gaps.Exists(g => (int)(ack - g.Start) > 0))
            {
                k.NothingMissing++; // Wireshark's flag, but the capture holds every byte this ACK covers
            }
        }
        if (f.Is(AnalysisFlags.DuplicateAck))
        {
            // RFC 2883: a first SACK block at or below the cumulative ACK reports duplicate data
            bool dsack = (f.SackBlockCount > 0 && (int)(f.FirstSack.Right - f.RawAck) <= 0) || theirs.LastDataWasDuplicate;
            KindStats k = Event(dsack ? AnomalyKind.DSack : AnomalyKind.DuplicateAck, f, !f.C2S, dsack ? null : theirs.OldestGap?.Group);
            k.Add(f.Number, 0, 0, 0);
            if (f.SackBlockCount > 0)
            {
                k.WithSack++;
            }
            k.Acks(f.Ack);
        }
    }

    private void WindowAndIdle(in ExplainFrame f)
    {
        if (f.Is(AnalysisFlags.WindowFull))
        {
            Event(AnomalyKind.WindowFull, f, f.C2S).Add(f.Number, f.Length, f.Seq, f.End);
        }
        if (f.Is(AnalysisFlags.ZeroWindow))
        {
            KindStats k = Event(AnomalyKind.ZeroWindow, f, !f.C2S);
            k.Add(f.Number, 0, 0, 0);
            if (_zeroSince.TryAdd(f.C2S, (f.Number, f.Time, k)))
            {
                k.Closures++;
            }
        }
        else if (f.Window > 0 && !f.Has(TcpFlags.Rst) && _zeroSince.Remove(f.C2S, out var zero))
        {
            zero.Stats.Delay(f.Time - zero.Time);
            zero.Stats.Extra++; // reopened
        }
        if (f.Is(AnalysisFlags.ZeroWindowProbe))
        {
            Event(AnomalyKind.ZeroWindowProbe, f, f.C2S).Add(f.Number, f.Length, f.Seq, f.End);
        }
        if (f.Is(AnalysisFlags.ZeroWindowProbeAck))
        {
            Event(AnomalyKind.ZeroWindowProbeAck, f, !f.C2S).Add(f.Number, 0, 0, 0);
        }
        if (f.Is(AnalysisFlags.WindowUpdate))
        {
            Event(AnomalyKind.WindowUpdate, f, !f.C2S).Add(f.Number, 0, 0, 0);
        }
        if (f.Is(AnalysisFlags.KeepAlive))
        {
            Event(AnomalyKind.KeepAlive, f, f.C2S).Add(f.Number, 0, 0, 0);
        }
        if (f.Is(AnalysisFlags.KeepAliveAck))
        {
            Event(AnomalyKind.KeepAliveAck, f, !f.C2S).Add(f.Number, 0, 0, 0);
        }
        if (f.Is(AnalysisFlags.ReusedPorts))
        {
            Event(AnomalyKind.ReusedPorts, f, f.C2S).Add(f.Number, 0, 0, 0);
        }
    }

    // The episode an event belongs to: the one of the gap it is about when known; a new gap starts
    // an episode unless it came within a round trip of the open episode's first (one burst of
    // loss); anything else joins the open episode of its family and side while it goes on.
    private KindStats Event(AnomalyKind kind, in ExplainFrame f, bool dataC2S, AnomalyGroup? into = null)
    {
        AnomalyFamily family = AnomalyKinds.Family(kind);
        AnomalyGroup? group = into;
        if (group is null)
        {
            long gap = Math.Max(_options.MinEpisodeGapNs, (long)(_options.EpisodeGapRtts * RoundTripNs));
            bool open = _open.TryGetValue((family, dataC2S), out group);
            bool fresh = !open
                || (group!.OpenGaps <= 0 && f.Time - group.LastTime > gap)
                || (kind == AnomalyKind.Lost && group.Find(AnomalyKind.Lost) is not null && f.Time - group.FirstTime > Math.Max(RoundTripNs, 1_000_000));
            if (fresh)
            {
                group = new AnomalyGroup(family, dataC2S, f.Number, f.Time);
                _groups.Add(group);
                _open[(family, dataC2S)] = group;
            }
        }
        return group!.Stats(kind, f.Number, f.Time);
    }
}
