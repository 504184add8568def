using TcpLens.Analysis;
using TcpLens.Capture.Decoding;
using TcpLens.Correlation.Facts;
using TcpLens.Correlation.Matching;

namespace TcpLens.Correlation.Comparison;

/// <summary>
/// Compares matched connections frame by frame. Both captures are read again together, in time
/// order on the client's clock (the estimated offset removed). A frame seen at its sending point
/// waits for its copy at the receiving point: first the identical packet (direction, sequence
/// and acknowledgement numbers after the learned offsets, length, flags and IP ID), and only
/// where the path rewrites IP IDs (or they are 0) the same numbers with another IP ID. A
/// second copy of a delivered packet is a duplicate; a retransmission is a packet of its own
/// (another IP ID), delivered or lost by itself. A frame still unmatched after the match window
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
        private readonly MatchResult _match;
        private readonly CompareOptions _options;
        private readonly Dictionary<int, Pair> _byClientStream = [];
        private readonly Dictionary<int, Pair> _byServerStream = [];
        private readonly List<Pair> _pairs = [];
        private readonly UnmatchedStreams _unmatched;
        private readonly Dictionary<PacketKey, Copies> _waiting = [];
        private readonly DeliveredMemory _delivered;
        private readonly Stack<Copies> _pool = new();
        private readonly List<PacketKey> _settled = [];
        private readonly long _clientFirst, _clientLast, _serverFirst, _serverLast;
        private long _nextSweep = long.MinValue;
        private long _maxDelayC2S, _maxDelayS2C;

        public Run(MatchResult match, CompareOptions options)
        {
            _match = match;
            _options = options;
            _delivered = new DeliveredMemory(options.DeliveredMemoryNs);
            foreach (MatchedStream m in match.Matched)
            {
                if (options.ClientStream is { } only && m.ClientSide.Stream != only)
                {
                    continue;
                }
                var pair = new Pair(_pairs.Count, m);
                _pairs.Add(pair);
                _byClientStream[m.ClientSide.Stream] = pair;
                _byServerStream[m.ServerSide.Stream] = pair;
            }
            _unmatched = new UnmatchedStreams(match, all: options.ClientStream is null);
            _clientFirst = match.Client.FirstTime?.TotalNanoseconds ?? 0;
            _clientLast = match.Client.LastTime?.TotalNanoseconds ?? 0;
            _serverFirst = match.Server.FirstTime is { } sf ? match.Clock.ToClientClock(sf) : 0;
            _serverLast = match.Server.LastTime is { } sl ? match.Clock.ToClientClock(sl) : 0;
        }

        public void OnFrame(bool atClient, in AnalyzedPacket p, long t)
        {
            if (t >= _nextSweep)
            {
                ExpireUntil(t);
                _nextSweep = t + _options.SweepIntervalNs;
            }
            _delivered.Advance(t);
            ref readonly TcpSegment s = ref p.Segment;
            if (s.Outcome == DecodeOutcome.IcmpQuotedTcp || !p.Analysis.HasStream || !s.HasFlags)
            {
                return;
            }
            int stream = p.Analysis.Stream;
            if (!(atClient ? _byClientStream : _byServerStream).TryGetValue(stream, out Pair? pair))
            {
                _unmatched.Count(atClient, stream, s);
                return;
            }
            StreamFacts facts = atClient ? pair.Match.ClientSide : pair.Match.ServerSide;
            bool c2s = s.SourceEndpoint == facts.Client;
            bool sender = atClient == c2s;
            Flow flow = pair.Flow(c2s);
            if (sender)
            {
                flow.Result.Sent++;
            }
            else
            {
                flow.Result.Received++;
            }
            pair.ThinkTime(atClient, c2s, s, p.Time.TotalNanoseconds);
            PacketKey key = KeyOf(pair, atClient, c2s, s);
            var copy = new Copy(sender, t, s.IpId, s.Ttl, s.TrafficClass, s.Window, sender ? flow.NextOrdinal++ : -1);
            if (sender)
            {
                OnSent(flow, key, copy, p.Analysis.Flags);
            }
            else
            {
                OnReceived(flow, key, copy);
            }
        }

        // Sequence and acknowledgement numbers on the client's numbering, so both copies share a key.
        private static PacketKey KeyOf(Pair pair, bool atClient, bool c2s, in TcpSegment s)
        {
            (uint seq, uint ack) = atClient ? (s.Sequence, s.Acknowledgement)
                : pair.Match.ToClientNumbering(c2s, s.Sequence, s.Acknowledgement, (s.Flags & TcpFlags.Ack) != 0);
            var flags = (byte)(s.Flags & (TcpFlags.Syn | TcpFlags.Fin | TcpFlags.Rst | TcpFlags.Ack));
            return new PacketKey(pair.Index, c2s, seq, ack, s.PayloadLength, flags);
        }
    }
}
