using TcpLens.Correlation.Facts;

namespace TcpLens.Correlation.Matching;

public static partial class StreamMatcher
{
    private sealed partial class Run
    {
        // Step 3: connections already open when a capture started have no SYN there. They match
        // on the server endpoint (or its learned mapping), the client address (or its mapping),
        // overlapping lifetimes, and evidence from the packets: overlapping sequence ranges,
        // the same first packets (IP ID, length).
        private void MatchMidstream()
        {
            List<StreamFacts> clients = [.. client.Streams.Where(c => ClientFree(c) && c.PacketsC2S + c.PacketsS2C > 0)];
            List<StreamFacts> servers = [.. server.Streams.Where(s => ServerFree(s) && s.PacketsC2S + s.PacketsS2C > 0)];
            if (clients.Count == 0 || servers.Count == 0)
            {
                return;
            }
            var serverMap = _byClient.Values.Select(m => (m.ClientSide.Server, m.ServerSide.Server)).ToHashSet();
            var clientMap = _byClient.Values.Select(m => (m.ClientSide.Client.Address, m.ServerSide.Client.Address)).ToHashSet();
            var byServerEndpoint = servers.GroupBy(s => s.Server).ToDictionary(g => g.Key, g => g.ToList());
            var candidates = new List<Candidate>();
            foreach (StreamFacts c in clients)
            {
                var endpoints = serverMap.Where(x => x.Item1 == c.Server)
                    .Select(x => x.Item2).Append(c.Server).Distinct();
                foreach (var endpoint in endpoints)
                {
                    if (!byServerEndpoint.TryGetValue(endpoint, out List<StreamFacts>? list))
                    {
                        continue;
                    }
                    foreach (StreamFacts s in list)
                    {
                        if (c.HasSyn && s.HasSyn)
                        {
                            continue; // both have SYNs: steps 1 and 2 decide
                        }
                        (int score, string evidence) = MidstreamScore(c, s, clientMap);
                        if (score >= options.MinScore)
                        {
                            candidates.Add(new Candidate(c, s, score, evidence));
                        }
                    }
                }
            }
            TakeBest(candidates,
                (x, _, _) => $"several streams fit without a SYN (score {x.Score})",
                x =>
                {
                    (uint offC2S, uint offS2C) = MidstreamOffsets(x.C, x.S);
                    return new MatchedStream(x.C, x.S, MatchMethod.Midstream, $"{x.Evidence}; score {x.Score}", offC2S, offS2C);
                });
        }

        // Points: same client address, or the mapping learned from other streams, is required;
        // same client port +2, lifetimes overlap (required when the clock is known), sequence
        // ranges overlap +2 per direction, a first packet seen at both sides +2.
        private (int Score, string Evidence) MidstreamScore(StreamFacts c, StreamFacts s, HashSet<(Capture.Decoding.NetAddress, Capture.Decoding.NetAddress)> clientMap)
        {
            if (c.Client.Address != s.Client.Address && !clientMap.Contains((c.Client.Address, s.Client.Address)))
            {
                return (0, "");
            }
            if (_clock.Samples > 0)
            {
                long margin = 1_000_000_000;
                long sStart = _clock.ToClientClock(s.Start), sEnd = _clock.ToClientClock(s.End);
                if (sEnd < c.Start.TotalNanoseconds - margin || sStart > c.End.TotalNanoseconds + margin)
                {
                    return (0, "");
                }
            }
            int score = 0;
            var evidence = new List<string>(4);
            if (c.Client.Port == s.Client.Port)
            {
                score += 2;
                evidence.Add(c.Client.Address == s.Client.Address ? "same tuple" : "client port");
            }
            if (c.SpanC2S.Overlaps(s.SpanC2S))
            {
                score += 2;
                evidence.Add("c2s seq range");
            }
            if (c.SpanS2C.Overlaps(s.SpanS2C))
            {
                score += 2;
                evidence.Add("s2c seq range");
            }
            if (SharedMark(c.FirstC2S, s.FirstC2S) || SharedMark(c.FirstS2C, s.FirstS2C))
            {
                score += 2;
                evidence.Add("same packets");
            }
            // One capture may hold one direction only (asymmetric routing): then one side's
            // acknowledgements fall in the other side's sequence range.
            if (AcksWithin(s.FirstS2C, c.SpanC2S) || AcksWithin(c.FirstS2C, s.SpanC2S)
                || AcksWithin(s.FirstC2S, c.SpanS2C) || AcksWithin(c.FirstC2S, s.SpanS2C))
            {
                score += 2;
                evidence.Add("acks fit seq range");
            }
            return (score, string.Join(" + ", evidence)); // no commas: CSV cells stay cut-friendly
        }

        private static bool AcksWithin(List<PacketMark> marks, SeqSpan span) =>
            span.Seen && marks.Any(m => (m.Flags & Capture.Decoding.TcpFlags.Ack) != 0
                && (int)(m.Acknowledgement - span.First) > 0 && (int)(m.Acknowledgement - span.End) <= 0);

        private static bool SharedMark(List<PacketMark> a, List<PacketMark> b) =>
            a.Any(x => x.IpId != 0 && b.Any(y => y.IpId == x.IpId && y.Length == x.Length && y.Flags == x.Flags));

        private static (uint C2S, uint S2C) MidstreamOffsets(StreamFacts c, StreamFacts s)
        {
            uint c2s = c.SpanC2S.Overlaps(s.SpanC2S) ? 0 : MarkOffset(c.FirstC2S, s.FirstC2S);
            uint s2c = c.SpanS2C.Overlaps(s.SpanS2C) ? 0 : unchecked(0u - MarkOffset(c.FirstS2C, s.FirstS2C));
            return (c2s, s2c);
        }

        // server-view sequence minus client-view sequence of a packet seen at both points
        private static uint MarkOffset(List<PacketMark> atClient, List<PacketMark> atServer)
        {
            foreach (PacketMark x in atClient)
            {
                foreach (PacketMark y in atServer)
                {
                    if (x.IpId != 0 && x.IpId == y.IpId && x.Length == y.Length && x.Flags == y.Flags)
                    {
                        return unchecked(y.Sequence - x.Sequence);
                    }
                }
            }
            return 0;
        }
    }
}
