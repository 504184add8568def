using TcpLens.Correlation.Facts;

namespace TcpLens.Correlation.Matching;

public static partial class StreamMatcher
{
    private sealed partial class Run
    {
        // Step 1: the same SYN sequence number at both points. A 32-bit random ISN seen twice
        // is the same connection; several server candidates (a client that reuses an ISN, or a
        // split stream) are narrowed to the same tuple, then the same server port, then time.
        private List<(StreamFacts Client, List<StreamFacts> Candidates)> MatchByIsn()
        {
            var serverByIsn = new Dictionary<uint, List<StreamFacts>>();
            foreach (StreamFacts s in server.Streams)
            {
                if (s.ClientIsn is { } isn)
                {
                    if (!serverByIsn.TryGetValue(isn, out List<StreamFacts>? list))
                    {
                        serverByIsn[isn] = list = [];
                    }
                    list.Add(s);
                }
            }
            var undecided = new List<(StreamFacts, List<StreamFacts>)>();
            foreach (StreamFacts c in client.Streams)
            {
                if (c.ClientIsn is not { } isn || !serverByIsn.TryGetValue(isn, out List<StreamFacts>? all))
                {
                    continue;
                }
                List<StreamFacts> free = [.. all.Where(ServerFree)];
                List<StreamFacts> best = [.. free.Where(s => SameTuple(c, s))];
                if (best.Count == 0)
                {
                    best = [.. free.Where(s => s.Server.Port == c.Server.Port)];
                }
                if (best.Count == 0)
                {
                    best = free;
                }
                if (best.Count == 1)
                {
                    StreamFacts s = best[0];
                    bool same = SameTuple(c, s);
                    Take(new MatchedStream(c, s, same ? MatchMethod.Isn : MatchMethod.IsnNat,
                        same ? "syn seq" : "syn seq; " + Translation(c, s), 0, OffsetS2C(c, s)));
                }
                else if (best.Count > 1)
                {
                    undecided.Add((c, best));
                }
            }
            return undecided;
        }

        // Candidates that shared an ISN: the one whose SYN arrived within the window after the
        // client's (clock offset removed) wins if it is the only one.
        private void ResolveByTime(List<(StreamFacts Client, List<StreamFacts> Candidates)> undecided)
        {
            foreach ((StreamFacts c, List<StreamFacts> candidates) in undecided)
            {
                List<StreamFacts> inWindow = [.. candidates.Where(s => ServerFree(s) && SynDelay(c, s) is not null)];
                if (inWindow.Count == 1 && _clock.Samples > 0)
                {
                    StreamFacts s = inWindow[0];
                    bool same = SameTuple(c, s);
                    Take(new MatchedStream(c, s, same ? MatchMethod.Isn : MatchMethod.IsnNat,
                        "syn seq; timing", 0, OffsetS2C(c, s)));
                }
                else
                {
                    Ambiguous(c, candidates, $"{candidates.Count} server streams have SYN seq {c.ClientIsn}");
                }
            }
        }

        // The one-way delay of the SYN that reached the server, when it fits the window: the
        // client transmission with the server SYN's IP ID, else the latest one sent before it.
        private long? SynDelay(StreamFacts c, StreamFacts s)
        {
            if (!c.HasSyn || !s.HasSyn)
            {
                return null;
            }
            long arrival = _clock.ToClientClock(s.Syns[0].Time);
            long? best = null;
            foreach (SynTransmission t in c.Syns)
            {
                long d = arrival - t.Time.TotalNanoseconds;
                if (t.IpId != 0 && t.IpId == s.Syns[0].IpId && d >= -options.SynToleranceNs && d <= options.SynWindowNs)
                {
                    return d;
                }
                if (d >= -options.SynToleranceNs && d <= options.SynWindowNs && (best is null || d < best))
                {
                    best = d;
                }
            }
            return best;
        }

        private static string Translation(StreamFacts c, StreamFacts s)
        {
            var parts = new List<string>(2);
            if (c.Client != s.Client)
            {
                parts.Add($"client {c.Client} seen as {s.Client}");
            }
            if (c.Server != s.Server)
            {
                parts.Add($"server {c.Server} seen as {s.Server}");
            }
            return string.Join("; ", parts);
        }
    }
}
