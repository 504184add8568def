using TcpLens.Capture.Decoding;
using TcpLens.Correlation.Facts;
using TcpLens.Correlation.Matching;

namespace TcpLens.Correlation.Comparison;

public static partial class PacketComparer
{
    /// <summary>
    /// Frames of connections seen at one point only, of the servers compared: a client SYN stream
    /// the server never saw lost everything its client sent (and what came back reached the
    /// client only); a stream only the server saw lost everything its server sent; a connection
    /// outside the other capture's time span is not comparable. They are the difference between
    /// the matched streams and the totals.
    /// </summary>
    private sealed class UnmatchedStreams
    {
        public readonly DirectionComparison ClientToServer = new(), ServerToClient = new();
        private readonly MatchResult _match;
        private readonly HashSet<int> _missing, _serverOnly, _clientOutside, _serverOutside;

        public UnmatchedStreams(MatchResult match, bool all)
        {
            _match = match;
            _missing = all ? [.. match.Missing.SelectMany(x => x.ClientStreams)] : [];
            _serverOnly = all ? [.. match.ServerOnly.Select(x => x.Stream.Stream)] : [];
            _clientOutside = all ? [.. match.MissingOutsideSpan.SelectMany(x => x.ClientStreams)] : [];
            _serverOutside = all ? [.. match.ServerOnlyOutsideSpan.Select(x => x.Stream.Stream)] : [];
        }

        /// <summary>Connections counted here: client attempts and server streams.</summary>
        public int Connections => _missing.Count + _serverOnly.Count + _clientOutside.Count + _serverOutside.Count;

        public void Count(bool atClient, int stream, in TcpSegment s)
        {
            bool missing = atClient ? _missing.Contains(stream) : _serverOnly.Contains(stream);
            bool outside = !missing && (atClient ? _clientOutside.Contains(stream) : _serverOutside.Contains(stream));
            if (!missing && !outside)
            {
                return; // not a connection to the servers compared, or an ambiguous one
            }
            StreamFacts f = (atClient ? _match.Client : _match.Server).Streams[stream];
            bool c2s = s.SourceEndpoint == f.Client;
            DirectionComparison dir = c2s ? ClientToServer : ServerToClient;
            if (atClient == c2s)
            {
                dir.Sent++;
                if (missing)
                {
                    dir.Lost++;
                }
                else
                {
                    dir.OutsideSpanSent++;
                }
            }
            else
            {
                dir.Received++;
                if (missing)
                {
                    dir.OnlyAtReceiver++;
                }
                else
                {
                    dir.OutsideSpanReceived++;
                }
            }
        }
    }
}
