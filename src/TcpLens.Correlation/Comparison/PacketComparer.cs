using TcpLens.Analysis;
using TcpLens.Capture.Decoding;
using TcpLens.Correlation.Facts;
using TcpLens.Correlation.Matching;

namespace TcpLens.Correlation.Comparison;

/// <summary>
/// Compares matched connections frame by frame. Both captures are read again together, in time
/// order on the client's clock (the estimated offset removed). A frame seen at its sending point
/// waits for its copy at the receiving point, found by direction, sequence and acknowledgement
/// numbers (the learned sequence offsets applied), length and flags, and among several copies
/// (retransmissions of the same bytes) by IP ID. A frame still unmatched after the match window
/// is lost between the points when the other capture was running. Memory follows the frames
/// within the window (waiting, or delivered and remembered for duplicates), not the capture size.
/// </summary>
public static partial class PacketComparer
{
    /// <summary>Reads both captures again and compares the streams of <paramref name="match"/>.</summary>
    public static ComparisonResult Compare(string clientPath, string serverPath, MatchResult match, CompareOptions? options = null)
    {
        using TcpCapture client = Environment.ProcessorCount > 1 ? TcpCapture.OpenReadAhead(clientPath) : TcpCapture.Open(clientPath);
        using TcpCapture server = Environment.ProcessorCount > 1 ? TcpCapture.OpenReadAhead(serverPath) : TcpCapture.Open(serverPath);
        return Compare(client, server, match, options);
    }

    /// <summary>Compares from two freshly opened captures (the same files <paramref name="match"/> was made from).</summary>
    public static ComparisonResult Compare(TcpCapture client, TcpCapture server, MatchResult match, CompareOptions? options = null)
    {
        var run = new Run(match, options ?? new CompareOptions());
        bool haveC = client.TryReadPacket(out AnalyzedPacket pc);
        bool haveS = server.TryReadPacket(out AnalyzedPacket ps);
        while (haveC || haveS)
        {
            long tc = haveC ? pc.Time.TotalNanoseconds : long.MaxValue;
            long ts = haveS ? match.Clock.ToClientClock(ps.Time) : long.MaxValue;
            if (tc <= ts)
            {
                run.OnFrame(atClient: true, pc, tc);
                haveC = client.TryReadPacket(out pc);
            }
            else
            {
                run.OnFrame(atClient: false, ps, ts);
                haveS = server.TryReadPacket(out ps);
            }
        }
        return run.Finish();
    }

    private sealed partial class Run
    {
        // How often (capture time) waiting frames are checked against the match window.
        private const long SweepIntervalNs = 50_000_000;

        private readonly MatchResult _match;
        private readonly CompareOptions _options;
        private readonly Dictionary<int, Pair> _byClientStream = [];
        private readonly Dictionary<int, Pair> _byServerStream = [];
        private readonly HashSet<int> _missingClientStreams;
        private readonly HashSet<int> _serverOnlyStreams;
        private readonly Dictionary<PacketKey, Copies> _waiting = [];
        // Delivered frames in two generations, each DeliveredMemoryNs long: the older one is
        // dropped whole when the newer one fills, so no per-frame expiry bookkeeping is needed.
        private Dictionary<PacketKey, DeliveredCopy> _delivered = [], _deliveredBefore = [];
        private long _rotateAt = long.MinValue, _nextSweep = long.MinValue;
        private readonly Stack<Copies> _pool = new();
        private readonly List<PacketKey> _settled = [];
        private readonly DirectionComparison _totalC2S = new(), _totalS2C = new();
        private readonly DirectionComparison _unmatchedC2S = new(), _unmatchedS2C = new();
        private readonly long _clientFirst, _clientLast, _serverFirst, _serverLast;
        private readonly List<Pair> _pairs = [];
        private long _maxDelayC2S, _maxDelayS2C;

        public Run(MatchResult match, CompareOptions options)
        {
            _match = match;
            _options = options;
            int index = 0;
            foreach (MatchedStream m in match.Matched)
            {
                if (options.ClientStream is { } only && m.ClientSide.Stream != only)
                {
                    continue;
                }
                var pair = new Pair(index++, m);
                _pairs.Add(pair);
                _byClientStream[m.ClientSide.Stream] = pair;
                _byServerStream[m.ServerSide.Stream] = pair;
            }
            bool all = options.ClientStream is null;
            _missingClientStreams = all ? [.. match.Missing.SelectMany(x => x.ClientStreams)] : [];
            _serverOnlyStreams = all ? [.. match.ServerOnly.Select(x => x.Stream.Stream)] : [];
            _clientFirst = match.Client.FirstTime?.TotalNanoseconds ?? 0;
            _clientLast = match.Client.LastTime?.TotalNanoseconds ?? 0;
            _serverFirst = match.Server.FirstTime is { } sf ? match.Clock.ToClientClock(sf) : 0;
            _serverLast = match.Server.LastTime is { } sl ? match.Clock.ToClientClock(sl) : 0;
        }

        // Frames of one matched connection, numbered per direction at the sending point.
        private sealed class Pair(int index, MatchedStream match)
        {
            public readonly int Index = index;
            // A direction the receiving capture never shows for this connection is not observed
            // there at all (one direction per capture, asymmetric routing): nothing is lost in it.
            public readonly bool C2SObserved = match.ServerSide.PacketsC2S > 0;
            public readonly bool S2CObserved = match.ClientSide.PacketsS2C > 0;
            public readonly StreamComparison Result = new(match);
            public long SentC2S, SentS2C;
            public long MaxArrivedC2S = -1, MaxArrivedS2C = -1;
            public long ServerLastRequest = long.MinValue, ClientLastResponse = long.MinValue;
            public bool ServerAwaitsResponse, ClientAwaitsRequest;
            // Data bytes per direction and point, on an unwrapped axis from the first data seen.
            public readonly ByteRanges SentBytesC2S = new(), ReceivedBytesC2S = new(), SentBytesS2C = new(), ReceivedBytesS2C = new();
            public uint BaseC2S, BaseS2C;
            public long LastC2S = -1, LastS2C = -1;

            public long Unwrap(bool c2s, uint seq)
            {
                ref long last = ref c2s ? ref LastC2S : ref LastS2C;
                ref uint origin = ref c2s ? ref BaseC2S : ref BaseS2C;
                if (last < 0)
                {
                    origin = seq;
                    last = 0;
                    return 0;
                }
                uint rel = unchecked(seq - origin);
                long candidate = (last & ~0xFFFF_FFFFL) | rel;
                if (candidate - last > 0x8000_0000L)
                {
                    candidate -= 0x1_0000_0000L;
                }
                else if (last - candidate > 0x8000_0000L)
                {
                    candidate += 0x1_0000_0000L;
                }
                last = Math.Max(last, candidate);
                return candidate;
            }

            public ByteRanges Bytes(bool c2s, bool sender) =>
                c2s ? (sender ? SentBytesC2S : ReceivedBytesC2S) : (sender ? SentBytesS2C : ReceivedBytesS2C);
        }

        public void OnFrame(bool atClient, in AnalyzedPacket p, long t)
        {
            if (t >= _nextSweep)
            {
                ExpireUntil(t);
                _nextSweep = t + SweepIntervalNs;
            }
            if (t >= _rotateAt)
            {
                (_delivered, _deliveredBefore) = (_deliveredBefore, _delivered);
                _delivered.Clear();
                _rotateAt = t + _options.DeliveredMemoryNs;
            }
            ref readonly TcpSegment s = ref p.Segment;
            if (s.Outcome == DecodeOutcome.IcmpQuotedTcp || !p.Analysis.HasStream || s.TcpHeaderBytesRead < 14)
            {
                return;
            }
            int stream = p.Analysis.Stream;
            if (!(atClient ? _byClientStream : _byServerStream).TryGetValue(stream, out Pair? pair))
            {
                CountUnmatched(atClient, stream, s);
                return;
            }
            StreamFacts facts = atClient ? pair.Result.Match.ClientSide : pair.Result.Match.ServerSide;
            bool c2s = s.Source == facts.Client && s.SourcePort == facts.ClientPort;
            bool sender = atClient == c2s;
            DirectionComparison dir = c2s ? pair.Result.ClientToServer : pair.Result.ServerToClient;
            if (sender)
            {
                dir.Sent++;
            }
            else
            {
                dir.Received++;
            }
            ThinkTime(pair, atClient, c2s, s, p.Time.TotalNanoseconds);
            PacketKey key = KeyOf(pair, atClient, c2s, s);
            var copy = new Copy(sender, t, s.IpId, s.Ttl, s.TrafficClass, s.Window, sender ? (c2s ? pair.SentC2S++ : pair.SentS2C++) : -1);
            if (sender)
            {
                OnSent(pair, c2s, dir, key, copy, p.Analysis.Flags);
            }
            else
            {
                OnReceived(pair, c2s, dir, key, copy);
            }
        }

        // Sequence and acknowledgement numbers on the client's numbering, so both copies share a key.
        private static PacketKey KeyOf(Pair pair, bool atClient, bool c2s, in TcpSegment s)
        {
            (uint seq, uint ack) = atClient ? (s.Sequence, s.Acknowledgement)
                : pair.Result.Match.ToClientNumbering(c2s, s.Sequence, s.Acknowledgement, (s.Flags & TcpFlags.Ack) != 0);
            var flags = (byte)(s.Flags & (TcpFlags.Syn | TcpFlags.Fin | TcpFlags.Rst | TcpFlags.Ack));
            return new PacketKey(pair.Index, c2s, seq, ack, s.PayloadLength, flags);
        }

        private void OnSent(Pair pair, bool c2s, DirectionComparison dir, PacketKey key, Copy copy, AnalysisFlags flags)
        {
            if ((flags & (AnalysisFlags.Retransmission | AnalysisFlags.FastRetransmission | AnalysisFlags.SpuriousRetransmission)) != 0)
            {
                dir.Retransmissions++;
                if (TryDelivered(key, out DeliveredCopy d) && d.At <= copy.Time)
                {
                    dir.RetransmissionsOfDelivered++;
                }
            }
            // The copy at the receiving point may come first when delays are tiny or the clock
            // estimate is off.
            if (_waiting.TryGetValue(key, out Copies? copies) && copies.FindUnmatched(sender: false, copy.IpId) is var i and >= 0)
            {
                Copy received = copies.Items[i];
                Settle(key, copies, i);
                Delivered(pair, dir, key, copy, received, copy.Ordinal, c2s);
                return;
            }
            Wait(key, copy);
        }

        private void OnReceived(Pair pair, bool c2s, DirectionComparison dir, PacketKey key, Copy copy)
        {
            if (_waiting.TryGetValue(key, out Copies? copies) && copies.FindUnmatched(sender: true, copy.IpId) is var i and >= 0)
            {
                Copy sent = copies.Items[i];
                Settle(key, copies, i);
                Delivered(pair, dir, key, sent, copy, sent.Ordinal, c2s);
                return;
            }
            // A second copy of a delivered frame is a duplicate, unless its own sender copy is
            // still to come (equal times): it waits, and is counted when the window closes.
            bool maybeDuplicate = TryDelivered(key, out DeliveredCopy d) && d.IpId == copy.IpId;
            Wait(key, copy with { MaybeDuplicate = maybeDuplicate });
        }

        private bool TryDelivered(PacketKey key, out DeliveredCopy d) =>
            _delivered.TryGetValue(key, out d) || _deliveredBefore.TryGetValue(key, out d);

        // A frame without an exact copy at the other point yet. Its bytes are noted: if the other
        // point saw them cut differently, the frame was resegmented rather than lost. (Frames that
        // matched exactly are left out, so a retransmission does not cover its lost original.)
        private void Wait(PacketKey key, Copy copy)
        {
            if (key.Length > 0 && !copy.MaybeDuplicate)
            {
                Pair pair = _pairs[key.Pair];
                long start = pair.Unwrap(key.C2S, key.Seq);
                pair.Bytes(key.C2S, copy.Sender).Add(start, start + key.Length);
            }
            if (!_waiting.TryGetValue(key, out Copies? copies))
            {
                copies = _pool.Count > 0 ? _pool.Pop() : new Copies();
                _waiting[key] = copies;
            }
            copies.Items.Add(copy);
        }

        private void Settle(PacketKey key, Copies copies, int index)
        {
            copies.Items.RemoveAt(index);
            if (copies.Items.Count == 0)
            {
                _waiting.Remove(key);
                _pool.Push(copies);
            }
        }

        private void Delivered(Pair pair, DirectionComparison dir, PacketKey key, Copy sent, Copy received, long ordinal, bool c2s)
        {
            dir.Matched++;
            dir.Delay.Add(received.Time - sent.Time);
            long at = TryDelivered(key, out DeliveredCopy before) ? Math.Min(before.At, received.Time) : received.Time;
            _delivered[key] = new DeliveredCopy(at, sent.IpId);
            dir.AddTtlDrop(sent.Ttl - received.Ttl);
            if (sent.Window != received.Window)
            {
                dir.WindowChanged++;
            }
            if (sent.IpId != received.IpId)
            {
                dir.IpIdChanged++;
            }
            if ((sent.TrafficClass >> 2) != (received.TrafficClass >> 2))
            {
                dir.DscpChanged++;
            }
            ref long maxArrived = ref c2s ? ref pair.MaxArrivedC2S : ref pair.MaxArrivedS2C;
            if (ordinal < maxArrived)
            {
                dir.Reordered++;
            }
            else
            {
                maxArrived = ordinal;
            }
            ref long maxDelay = ref c2s ? ref _maxDelayC2S : ref _maxDelayS2C;
            maxDelay = Math.Clamp(received.Time - sent.Time, maxDelay, 1_000_000_000);
        }

        // Think time from each point's own clock: the server's from request data arriving to
        // response data leaving, the client's from response data arriving to the next request.
        private static void ThinkTime(Pair pair, bool atClient, bool c2s, in TcpSegment s, long t)
        {
            if (s.PayloadLength <= 0)
            {
                return;
            }
            if (!atClient)
            {
                if (c2s)
                {
                    pair.ServerLastRequest = t;
                    pair.ServerAwaitsResponse = true;
                }
                else if (pair.ServerAwaitsResponse)
                {
                    pair.Result.ServerThink.Add(t - pair.ServerLastRequest);
                    pair.ServerAwaitsResponse = false;
                }
            }
            else
            {
                if (!c2s)
                {
                    pair.ClientLastResponse = t;
                    pair.ClientAwaitsRequest = true;
                }
                else if (pair.ClientAwaitsRequest)
                {
                    pair.Result.ClientThink.Add(t - pair.ClientLastResponse);
                    pair.ClientAwaitsRequest = false;
                }
            }
        }

        // Streams that matched nothing: a client SYN stream the server never saw loses all it
        // sent; a stream only the server saw lost everything its server sent.
        private void CountUnmatched(bool atClient, int stream, in TcpSegment s)
        {
            if (atClient && _missingClientStreams.Contains(stream))
            {
                StreamFacts f = _match.Client.Streams[stream];
                bool c2s = s.Source == f.Client && s.SourcePort == f.ClientPort;
                if (c2s)
                {
                    _unmatchedC2S.Sent++;
                    _unmatchedC2S.Lost++;
                }
                else
                {
                    _unmatchedS2C.Received++;
                    _unmatchedS2C.OnlyAtReceiver++;
                }
            }
            else if (!atClient && _serverOnlyStreams.Contains(stream))
            {
                StreamFacts f = _match.Server.Streams[stream];
                bool c2s = s.Source == f.Client && s.SourcePort == f.ClientPort;
                if (c2s)
                {
                    _unmatchedC2S.Received++;
                    _unmatchedC2S.OnlyAtReceiver++;
                }
                else
                {
                    _unmatchedS2C.Sent++;
                    _unmatchedS2C.Lost++;
                }
            }
        }
    }
}
