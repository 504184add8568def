using TcpLens.Analysis.Sessions;
using TcpLens.Capture;
using TcpLens.Capture.Decoding;
using TcpLens.Correlation.Facts;

namespace TcpLens.Correlation.Matching;

public static partial class StreamMatcher
{
    private sealed partial class Run
    {
        private static List<NatMapping> NatMappings(List<MatchedStream> matched)
        {
            var result = new List<NatMapping>();
            foreach (var g in matched.Where(m => m.ClientSide.Client != m.ServerSide.Client)
                         .GroupBy(m => (m.ClientSide.Client.Address, m.ServerSide.Client.Address)))
            {
                result.Add(new NatMapping("client", g.Key.Item1, g.Key.Item2, g.Count(), g.Count(m => m.ClientSide.Client.Port == m.ServerSide.Client.Port)));
            }
            foreach (var g in matched.Where(m => m.ClientSide.Server != m.ServerSide.Server)
                         .GroupBy(m => (m.ClientSide.Server.Address, m.ServerSide.Server.Address)))
            {
                result.Add(new NatMapping("server", g.Key.Item1, g.Key.Item2, g.Count(), g.Count(m => m.ClientSide.Server.Port == m.ServerSide.Server.Port)));
            }
            return result;
        }

        // A server the client tried to reach that the server capture should have seen: one named
        // with --server, else the address of a server whose connections matched (on any port: a
        // SYN to a port a firewall blocks is what this table is for); when nothing matched, any
        // address the server capture shows as a server.
        private Func<StreamFacts, bool> RelevantAtClient()
        {
            if (options.Servers.Count > 0)
            {
                return c => options.Servers.Any(p => p.Matches(c.Server));
            }
            HashSet<Capture.Decoding.NetAddress> addresses = _byClient.Count > 0
                ? [.. _byClient.Values.Select(m => m.ClientSide.Server.Address)]
                : [.. server.Streams.Where(s => s.PacketsC2S + s.PacketsS2C > 0).Select(s => s.Server.Address)];
            return c => addresses.Contains(c.Server.Address);
        }

        // A server-side stream the client capture could have seen: to a server named with
        // --server, else to the address of a server whose connections matched; when nothing
        // matched, to an address the client capture shows as a server.
        private Func<StreamFacts, bool> RelevantAtServer()
        {
            if (options.Servers.Count > 0)
            {
                var viaMapping = _byClient.Values
                    .Where(m => options.Servers.Any(p => p.Matches(m.ClientSide.Server)))
                    .Select(m => m.ServerSide.Server).ToHashSet();
                return s => options.Servers.Any(p => p.Matches(s.Server)) || viaMapping.Contains(s.Server);
            }
            HashSet<Capture.Decoding.NetAddress> addresses = _byClient.Count > 0
                ? [.. _byClient.Values.Select(m => m.ServerSide.Server.Address)]
                : [.. client.Streams.Where(c => c.PacketsC2S + c.PacketsS2C > 0).Select(c => c.Server.Address)];
            return s => addresses.Contains(s.Server.Address);
        }

        // Client SYN streams that matched nothing, grouped by ISN. A SYN sent while the server
        // capture was running (clock offset applied) is missing; otherwise it is outside the span.
        private (List<MissingSyn> Missing, List<MissingSyn> Outside) MissingSyns()
        {
            Func<StreamFacts, bool> relevant = RelevantAtClient();
            var missing = new List<MissingSyn>();
            var outside = new List<MissingSyn>();
            var groups = client.Streams
                .Where(c => c.HasSyn && ClientFree(c) && relevant(c))
                .GroupBy(c => (Isn: c.ClientIsn!.Value, c.Client, c.Server));
            foreach (var g in groups)
            {
                List<SynTransmission> syns = [.. g.SelectMany(c => c.Syns).OrderBy(t => t.Time)];
                bool inSpan = syns.Any(t => ServerCovers(t.Time));
                var row = new MissingSyn(g.Key.Isn, [.. g.Select(c => c.Stream)], syns.Count, g.Key.Client,
                    g.Key.Server, syns[0].Time, syns[^1].Time, g.Any(c => c.SynAcks.Count > 0 || c.PacketsS2C > 0));
                (inSpan ? missing : outside).Add(row);
            }
            return (missing, outside);
        }

        // The server capture's span on the client clock; a SYN needs time to arrive, so one sent
        // just before the server capture stopped could not have been seen.
        private bool ServerCovers(Timestamp clientTime)
        {
            if (server.FirstTime is not { } first || server.LastTime is not { } last)
            {
                return false;
            }
            long t = clientTime.TotalNanoseconds;
            long margin = Math.Max(options.SynToleranceNs, _clock.UncertaintyNs ?? 0);
            return t >= _clock.ToClientClock(first) - margin && t <= _clock.ToClientClock(last) - margin;
        }

        private bool ClientCovers(Timestamp serverTime)
        {
            if (client.FirstTime is not { } first || client.LastTime is not { } last)
            {
                return false;
            }
            long t = _clock.ToClientClock(serverTime);
            return t >= first.TotalNanoseconds && t <= last.TotalNanoseconds;
        }

        private (List<UnmatchedStream> Inside, List<UnmatchedStream> Outside) ServerOnly()
        {
            var inside = new List<UnmatchedStream>();
            var outside = new List<UnmatchedStream>();
            Func<StreamFacts, bool> relevant = RelevantAtServer();
            foreach (StreamFacts s in server.Streams)
            {
                if (!ServerFree(s) || s.PacketsC2S + s.PacketsS2C == 0 || !relevant(s)
                    || _ambiguous.Any(a => a.Candidates.Contains(s)))
                {
                    continue;
                }
                if (ClientCovers(s.Start) || ClientCovers(s.End))
                {
                    inside.Add(new UnmatchedStream(s, s.HasSyn ? "no client stream has this SYN" : "no client stream fits (no SYN at the server)"));
                }
                else
                {
                    outside.Add(new UnmatchedStream(s, "outside the client capture's time span"));
                }
            }
            return (inside, outside);
        }
    }
}
