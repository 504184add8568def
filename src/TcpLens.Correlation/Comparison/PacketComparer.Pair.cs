using TcpLens.Capture.Decoding;
using TcpLens.Correlation.Facts;
using TcpLens.Correlation.Matching;

namespace TcpLens.Correlation.Comparison;

public static partial class PacketComparer
{
    /// <summary>One matched connection: its two directions and the endpoints' think time.</summary>
    private sealed class Pair
    {
        public readonly int Index;
        public readonly MatchedStream Match;
        public readonly StreamComparison Result;
        private readonly Flow _c2s, _s2c;
        private long _serverLastRequest = long.MinValue, _clientLastResponse = long.MinValue;
        private bool _serverAwaitsResponse, _clientAwaitsRequest;

        public Pair(int index, MatchedStream match)
        {
            Index = index;
            Match = match;
            Result = new StreamComparison(match);
            // A direction the receiving capture never shows for this connection is not observed
            // there at all (one direction per capture, asymmetric routing): nothing is lost in it.
            _c2s = new Flow(Result.ClientToServer, c2s: true, observed: match.ServerSide.PacketsC2S > 0, RewritesIpIds(match, c2s: true));
            _s2c = new Flow(Result.ServerToClient, c2s: false, observed: match.ClientSide.PacketsS2C > 0, RewritesIpIds(match, c2s: false));
        }

        public Flow Flow(bool c2s) => c2s ? _c2s : _s2c;

        // The first packets of a direction at both points (the stream facts) tell whether the path
        // keeps IP IDs: the same numbers seen with the same IP ID, or only with other ones.
        private static bool RewritesIpIds(MatchedStream m, bool c2s)
        {
            List<PacketMark> atClient = c2s ? m.ClientSide.FirstC2S : m.ClientSide.FirstS2C;
            List<PacketMark> atServer = c2s ? m.ServerSide.FirstC2S : m.ServerSide.FirstS2C;
            bool same = false, other = false;
            foreach (PacketMark u in atServer)
            {
                (uint seq, uint ack) = m.ToClientNumbering(c2s, u.Sequence, u.Acknowledgement, (u.Flags & TcpFlags.Ack) != 0);
                foreach (PacketMark t in atClient)
                {
                    if (t.Sequence != seq || t.Acknowledgement != ack || t.Length != u.Length || t.Flags != u.Flags || t.IpId == 0 || u.IpId == 0)
                    {
                        continue;
                    }
                    same |= t.IpId == u.IpId;
                    other |= t.IpId != u.IpId;
                }
            }
            return other && !same;
        }

        // Think time from each point's own clock: the server's from request data arriving to
        // response data leaving, the client's from response data arriving to the next request.
        public void ThinkTime(bool atClient, bool c2s, in TcpSegment s, long t)
        {
            if (s.PayloadLength <= 0)
            {
                return;
            }
            if (!atClient)
            {
                if (c2s)
                {
                    _serverLastRequest = t;
                    _serverAwaitsResponse = true;
                }
                else if (_serverAwaitsResponse)
                {
                    Result.ServerThink.Add(t - _serverLastRequest);
                    _serverAwaitsResponse = false;
                }
            }
            else if (!c2s)
            {
                _clientLastResponse = t;
                _clientAwaitsRequest = true;
            }
            else if (_clientAwaitsRequest)
            {
                Result.ClientThink.Add(t - _clientLastResponse);
                _clientAwaitsRequest = false;
            }
        }
    }

    /// <summary>One direction of a matched connection: frames numbered at the sending point, bytes seen, what the path does to IP IDs.</summary>
    private sealed class Flow(DirectionComparison result, bool c2s, bool observed, bool rewritesIpIds)
    {
        public readonly DirectionComparison Result = result;
        public readonly bool C2S = c2s;
        public readonly bool Observed = observed;
        public long NextOrdinal;
        public long MaxArrived = -1;
        // Frames paired with the same IP ID: once one is, IP IDs are known to be kept.
        public long SameIpIdMatches;
        // True once the path is known to rewrite IP IDs: frames then pair by their numbers alone.
        public bool RewritesIpIds = rewritesIpIds;
        // Data bytes sent (every data frame at the sending point) and received in frames without a
        // copy at the sending point, on an unwrapped axis from the first data seen: a frame whose
        // bytes the other point saw cut otherwise was resegmented, not lost or made on the path.
        public readonly ByteRanges SentBytes = new(), UnmatchedReceivedBytes = new();
        private uint _origin;
        private long _last = -1;

        /// <summary>True when a frame with <paramref name="a"/> may pair with one with <paramref name="b"/> although they differ.</summary>
        public bool LooseIpIds(int a, int b) => RewritesIpIds || a == 0 || b == 0;

        public long Unwrap(uint seq)
        {
            if (_last < 0)
            {
                _origin = seq;
                _last = 0;
                return 0;
            }
            uint rel = unchecked(seq - _origin);
            long candidate = (_last & ~0xFFFF_FFFFL) | rel;
            if (candidate - _last > 0x8000_0000L)
            {
                candidate -= 0x1_0000_0000L;
            }
            else if (_last - candidate > 0x8000_0000L)
            {
                candidate += 0x1_0000_0000L;
            }
            _last = Math.Max(_last, candidate);
            return candidate;
        }
    }
}
