using TcpLens.Capture;
using TcpLens.Capture.Decoding;

namespace TcpLens.Analysis.Sessions;

/// <summary>
/// Accumulates one stream's frames into a <see cref="Session"/>. Sides are counted as "A", the
/// sender of the stream's first frame, and "B"; which of them is the client is decided at the end.
/// </summary>
internal sealed class SessionBuilder
{
    private readonly Side[] _sides = [new(), new()];
    private readonly ZeekHistory _zeek = new();
    private readonly int _stream;
    private readonly Endpoint _a, _b;
    private Timestamp _start, _end;
    private long _firstFrame, _lastFrame;
    private HandshakeSides _handshake = new();
    private Timestamp? _firstSynAt;
    private long? _synAckDelay, _irtt;
    private int _rttSamples;
    private long _rttMin = long.MaxValue, _rttMax = long.MinValue;
    private Int128 _rttSum;
    private int _icmpErrors;
    private Timestamp? _closingAt;
    private int _firstCloseSide = -1;
    private bool _firstCloseIsRst, _simultaneousClose;
    private SynAnswer _answer = SynAnswer.NoSyn;

    public SessionBuilder(int stream, in AnalyzedPacket first)
        : this(stream, first.Frame, first.Time, first.Segment)
    {
    }

    public SessionBuilder(int stream, long frame, Timestamp time, in TcpSegment first)
    {
        _stream = stream;
        _a = first.SourceEndpoint;
        _b = first.DestinationEndpoint;
        _start = time;
        _firstFrame = frame;
    }

    public void Add(in AnalyzedPacket p) => Add(p.Frame, p.Time, p.WireLength, p.Segment, p.Analysis);

    // The parts of a frame by reference: the worker threads hand them over without building an AnalyzedPacket.
    public void Add(long frame, Timestamp time, int wireLength, in TcpSegment s, in PacketAnalysis a)
    {
        var p = (Frame: frame, Time: time, WireLength: wireLength);
        if (s.Outcome == DecodeOutcome.IcmpQuotedTcp)
        {
            // An ICMP error about the connection: Wireshark puts it in the stream, but neither
            // endpoint sent it as TCP, so it is counted apart (tshark's conversation table leaves it out).
            _icmpErrors++;
            return;
        }
        int d = a.FromFirstSender ? 0 : 1;
        Side side = _sides[d];
        _end = p.Time;
        _lastFrame = p.Frame;
        side.Packets++;
        side.Payload += Math.Max(0, a.SegmentLength);
        side.Wire += p.WireLength;
        side.Flags.Add(a.Flags);
        bool wholeHeader = s.HasFlags;
        TcpFlags flags = wholeHeader ? s.Flags : TcpFlags.None;
        bool syn = (flags & TcpFlags.Syn) != 0, ack = (flags & TcpFlags.Ack) != 0;
        bool fin = (flags & TcpFlags.Fin) != 0, rst = (flags & TcpFlags.Rst) != 0;
        if (a.WindowSize >= 0 && !syn && !rst)
        {
            side.MinWindow = Math.Min(side.MinWindow ?? long.MaxValue, a.WindowSize);
        }
        if (syn)
        {
            side.Syns++;
            side.Isn ??= s.Sequence;
            if (s.HasMss)
            {
                side.Mss ??= s.Mss;
            }
            if (s.HasWindowScale)
            {
                side.WindowScale ??= Math.Min((int)s.WindowScale, 14);
            }
            side.SackPermitted |= s.SackPermitted;
            if (_handshake.Note(d, flags))
            {
                if (ack)
                {
                    _synAckDelay = a.AckRttNs;
                }
                else
                {
                    _firstSynAt = p.Time;
                }
            }
        }
        NoteSynAnswer(d, s, syn, ack, rst);
        if (a.AckRttNs is { } rtt)
        {
            _rttSamples++;
            _rttMin = Math.Min(_rttMin, rtt);
            _rttMax = Math.Max(_rttMax, rtt);
            _rttSum += rtt;
        }
        if (a.InitialRttNs is { } irtt)
        {
            _irtt = irtt;
        }
        if (syn && ack)
        {
            side.SynAckTime ??= p.Time;
        }
        if (ack && !syn && side.AckAfterPeerSynAck is null && _sides[1 - d].SynAckTime is not null)
        {
            side.AckAfterPeerSynAck = p.Time;
        }
        if (rst && side.RstFrame == 0)
        {
            side.RstFrame = p.Frame;
            side.RstTime = p.Time;
        }
        if ((fin || rst) && _firstCloseSide < 0)
        {
            _firstCloseSide = d;
            _firstCloseIsRst = rst;
            _closingAt = p.Time;
        }
        if (fin && side.FinEnd is null)
        {
            side.FinEnd = unchecked(s.Sequence + (uint)Math.Max(0, a.SegmentLength) + 1);
            Side other = _sides[1 - d];
            // The other side's FIN came first, and this one does not acknowledge it: both closed at once.
            if (other.FinEnd is { } otherEnd && !_firstCloseIsRst && _firstCloseSide == 1 - d
                && (!ack || SeqNum.Distance(new SeqNum(s.Acknowledgement), new SeqNum(otherEnd)) > 0))
            {
                _simultaneousClose = true;
            }
        }
        _zeek.Add(d, flags, Math.Max(0, a.SegmentLength), a.Flags);
        TrackCoverage(d, s, a, syn, fin, ack);
    }

    // The first answer to the client's SYN decides, but a SYN/ACK later in the stream (after a
    // SYN retransmission) means the handshake went ahead after all.
    private void NoteSynAnswer(int d, in TcpSegment s, bool syn, bool ack, bool rst)
    {
        int firstSynSide = _handshake.FirstSynSide;
        if (firstSynSide < 0 || d == firstSynSide || _answer == SynAnswer.SynAck)
        {
            if (firstSynSide >= 0 && d == firstSynSide && syn && !ack && _answer == SynAnswer.NoSyn)
            {
                _answer = SynAnswer.None;
            }
            return;
        }
        if (syn && ack)
        {
            _answer = SynAnswer.SynAck;
        }
        else if (_answer == SynAnswer.None && rst)
        {
            _answer = SynAnswer.Reset;
        }
        else if (_answer == SynAnswer.None && ack && _sides[firstSynSide].Isn is { } isn)
        {
            // an ACK of the SYN itself means a SYN/ACK the capture missed
            _answer = s.Acknowledgement == unchecked(isn + 1) ? SynAnswer.SynAck : SynAnswer.ChallengeAck;
        }
    }

    // Content gaps (Zeek's 'g' and missed_bytes): what each side sent that the capture holds,
    // checked against the peer's acknowledgements.
    private void TrackCoverage(int d, in TcpSegment s, in PacketAnalysis a, bool syn, bool fin, bool ack)
    {
        if (!s.HasWholeHeader || a.SegmentLength < 0)
        {
            return;
        }
        CaptureCoverage mine = _sides[d].Coverage;
        uint seq = s.Sequence;
        if (syn)
        {
            mine.Add(seq, 1);
            seq = unchecked(seq + 1);
        }
        mine.Add(seq, (uint)Math.Min(s.CapturedPayloadLength, a.SegmentLength));
        if (fin)
        {
            mine.Add(unchecked(seq + (uint)a.SegmentLength), 1);
        }
        if (ack)
        {
            CaptureCoverage theirs = _sides[1 - d].Coverage;
            int before = theirs.Gaps;
            theirs.Acknowledge(s.Acknowledgement);
            if (theirs.Gaps > before)
            {
                _zeek.Gap(1 - d);
            }
        }
    }

    public Session Build()
    {
        ClientOrientation orientation = ClientRule.Orient(_handshake, _a, _b);
        int client = orientation.ClientIsSide0 ? 0 : 1;
        int server = 1 - client;
        Side c = _sides[client], sv = _sides[server];
        ClosedBy closedBy = _firstCloseSide < 0 ? ClosedBy.None
            : _simultaneousClose ? ClosedBy.Both
            : (_firstCloseSide == client, _firstCloseIsRst) switch
            {
                (true, true) => ClosedBy.ClientRst,
                (true, false) => ClosedBy.ClientFin,
                (false, true) => ClosedBy.ServerRst,
                _ => ClosedBy.ServerFin,
            };
        (ConnState state, string history) = _zeek.Result(client);
        // Open from the client's ACK of the SYN/ACK; a connection whose handshake is not in the
        // capture at all was open before it started.
        Timestamp? established = c.AckAfterPeerSynAck
            ?? (_handshake.FirstSynSide < 0 && _handshake.FirstSynAckSide < 0 ? _start : null);
        return new Session
        {
            Stream = _stream,
            Client = orientation.Client,
            Server = orientation.Server,
            ClientChoice = orientation.Choice,
            ClientSentFirst = orientation.ClientIsSide0,
            Start = _start,
            End = _end,
            DurationNs = (long)(_end.ExactNanoseconds - _start.ExactNanoseconds),
            FirstFrame = _firstFrame,
            LastFrame = _lastFrame,
            State = state,
            History = history,
            ClosedBy = closedBy,
            SynAnswer = _answer,
            SynAckDelayNs = _synAckDelay,
            InitialRttNs = _irtt,
            ClientToServer = c.ToDirection(),
            ServerToClient = sv.ToDirection(),
            IcmpErrors = _icmpErrors,
            EstablishedAt = established,
            FirstSynAt = _firstSynAt,
            ClosingAt = _closingAt,
            ClientRstFrame = c.RstFrame,
            ClientRstAt = c.RstFrame != 0 ? c.RstTime : null,
            ServerRstFrame = sv.RstFrame,
            ServerRstAt = sv.RstFrame != 0 ? sv.RstTime : null,
            RttSamples = _rttSamples,
            RttMinNs = _rttSamples > 0 ? _rttMin : null,
            RttMaxNs = _rttSamples > 0 ? _rttMax : null,
            RttAvgNs = _rttSamples > 0 ? (long)(_rttSum / _rttSamples) : null,
        };
    }

    private sealed class Side
    {
        public long Packets, Payload, Wire;
        public long? MinWindow;
        public int? Mss, WindowScale;
        public bool SackPermitted;
        public uint? Isn;
        public int Syns;
        public FlagCounts Flags;
        public uint? FinEnd;
        public readonly CaptureCoverage Coverage = new();
        public Timestamp? SynAckTime;
        public Timestamp? AckAfterPeerSynAck;
        public long RstFrame;
        public Timestamp RstTime;

        public SessionDirection ToDirection() => new()
        {
            Packets = Packets,
            PayloadBytes = Payload,
            WireBytes = Wire,
            MinWindow = MinWindow,
            Mss = Mss,
            WindowScale = WindowScale,
            SackPermitted = SackPermitted,
            Isn = Isn,
            Syns = Syns,
            Flags = Flags,
            Gaps = Coverage.Gaps,
            MissedBytes = Coverage.MissedBytes,
        };
    }
}
