using System.Globalization;
using TcpLens.Correlation.Matching;

namespace TcpLens.Correlation.Comparison;

public static partial class PacketComparer
{
    private sealed partial class Run
    {
        public ComparisonResult Finish()
        {
            ExpireUntil(long.MaxValue);
            var up = new DirectionComparison();
            var down = new DirectionComparison();
            var serverThink = new DelayHistogram();
            var clientThink = new DelayHistogram();
            foreach (Pair p in _pairs)
            {
                up.Add(p.Result.ClientToServer);
                down.Add(p.Result.ServerToClient);
                serverThink.Add(p.Result.ServerThink);
                clientThink.Add(p.Result.ClientThink);
            }
            up.Add(_unmatched.ClientToServer);
            down.Add(_unmatched.ServerToClient);
            var result = new ComparisonResult
            {
                Match = _match,
                Streams = [.. _pairs.Select(p => p.Result)],
                UnmatchedClientToServer = _unmatched.ClientToServer,
                UnmatchedServerToClient = _unmatched.ServerToClient,
                UnmatchedConnections = _unmatched.Connections,
                TotalClientToServer = up,
                TotalServerToClient = down,
                ServerThink = serverThink,
                ClientThink = clientThink,
                Order = _match.Order.With(OrderSignals(up, down)),
            };
            result.Verdict = VerdictWriter.Write(result, _options);
            return result;
        }

        // What the frames seen at both points say about which capture is the client's: TTLs
        // rise instead of falling, one-way delays are negative both ways.
        private static IEnumerable<CaptureOrderSignal> OrderSignals(DirectionComparison up, DirectionComparison down)
        {
            var inv = CultureInfo.InvariantCulture;
            if (up.Hops is { } hu && down.Hops is { } hd && Math.Sign(hu) == Math.Sign(hd) && hu != 0)
            {
                yield return new CaptureOrderSignal("hops", Math.Sign(hu), hu > 0
                    ? string.Create(inv, $"TTLs fall by {hu} client to server and {hd} server to client")
                    : string.Create(inv, $"TTLs rise between the points in both directions (hops {hu} and {hd})"));
            }
            if (up.Delay.Percentile(0.5) is { } mu && down.Delay.Percentile(0.5) is { } md && Math.Sign(mu) == Math.Sign(md) && mu != 0)
            {
                yield return new CaptureOrderSignal("delays", Math.Sign(mu), mu > 0
                    ? "one-way delays are positive both ways"
                    : string.Create(inv, $"one-way delays are negative both ways (median {mu / 1e6:0.000} ms client to server, {md / 1e6:0.000} ms server to client): frames arrive before they leave"));
            }
        }
    }
}
