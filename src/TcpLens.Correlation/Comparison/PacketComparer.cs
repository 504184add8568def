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
/// is lost between the points when the other capture was running. Memory follows the frames in
/// flight within the window, not the capture size.
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
        private readonly MatchResult _match;
        private readonly CompareOptions _options;
        private readonly Dictionary<int, Pair> _byClientStream = [];
        private readonly Dictionary<int, Pair> _byServerStream = [];
        private readonly HashSet<int> _missingClientStreams;
        private readonly HashSet<int> _serverOnlyStreams;
        private readonly Dictionary<PacketKey, Copies> _waiting = [];
        private readonly Queue<(long Due, PacketKey Key)> _expiry = new();
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
            public readonly StreamComparison Result = new(match);
            public long SentC2S, SentS2C;
            public long MaxArrivedC2S = -1, MaxArrivedS2C = -1;
            public long ServerLastRequest = long.MinValue, ClientLastResponse = long.MinValue;
            public bool ServerAwaitsResponse, ClientAwaitsRequest;
        }

        public void OnFrame(bool atClient, in AnalyzedPacket p, long t)
        {
            ExpireUntil(t);
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
            if (!_waiting.TryGetValue(key, out Copies? copies))
            {
                _waiting[key] = copies = new Copies();
            }
            if (sender)
            {
                OnSent(pair, c2s, dir, copies, copy, p.Analysis.Flags);
            }
            else
            {
                OnReceived(pair, c2s, dir, copies, copy);
            }
            _expiry.Enqueue((t + _options.MatchWindowNs, key));
        }

        // Sequence and acknowledgement numbers on the client's numbering, so both copies share a key.
        private static PacketKey KeyOf(Pair pair, bool atClient, bool c2s, in TcpSegment s)
        {
            uint seq = s.Sequence, ack = s.Acknowledgement;
            if (!atClient)
            {
                MatchedStream m = pair.Result.Match;
                seq = c2s ? unchecked(seq - m.SeqOffsetC2S) : unchecked(seq + m.SeqOffsetS2C);
                ack = c2s ? unchecked(ack + m.SeqOffsetS2C) : unchecked(ack - m.SeqOffsetC2S);
            }
            var flags = (byte)(s.Flags & (TcpFlags.Syn | TcpFlags.Fin | TcpFlags.Rst | TcpFlags.Ack));
            return new PacketKey(pair.Index, c2s, seq, ack, s.PayloadLength, flags);
        }

        private void OnSent(Pair pair, bool c2s, DirectionComparison dir, Copies copies, Copy copy, AnalysisFlags flags)
        {
            if ((flags & (AnalysisFlags.Retransmission | AnalysisFlags.FastRetransmission | AnalysisFlags.SpuriousRetransmission)) != 0)
            {
                dir.Retransmissions++;
                if (copies.DeliveredAt is { } delivered && delivered <= copy.Time)
                {
                    dir.RetransmissionsOfDelivered++;
                }
            }
            // The copy at the receiving point may come first when the clock estimate is off.
            int i = copies.FindUnmatched(sender: false, copy.IpId);
            if (i >= 0)
            {
                Copy received = copies.Items[i];
                copies.Items[i] = received with { Matched = true };
                copy = copy with { Matched = true };
                Delivered(pair, dir, copies, copy, received, copy.Ordinal, c2s);
            }
            copies.Items.Add(copy);
        }

        private void OnReceived(Pair pair, bool c2s, DirectionComparison dir, Copies copies, Copy copy)
        {
            int i = copies.FindUnmatched(sender: true, copy.IpId);
            if (i < 0)
            {
                if (copies.Items.Any(x => x.Sender && x.Matched && x.IpId == copy.IpId))
                {
                    dir.Duplicated++;
                    return;
                }
                copies.Items.Add(copy);
                return;
            }
            Copy sent = copies.Items[i];
            copies.Items[i] = sent with { Matched = true };
            copies.Items.Add(copy with { Matched = true });
            Delivered(pair, dir, copies, sent, copy, sent.Ordinal, c2s);
        }

        private void Delivered(Pair pair, DirectionComparison dir, Copies copies, Copy sent, Copy received, long ordinal, bool c2s)
        {
            dir.Matched++;
            dir.Delay.Add(received.Time - sent.Time);
            copies.DeliveredAt = Math.Min(copies.DeliveredAt ?? long.MaxValue, received.Time);
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
