using TcpLens.Capture.Decoding;
using TcpLens.Correlation.Facts;

namespace TcpLens.Correlation.Matching;

public static partial class StreamMatcher
{
    private sealed partial class Run
    {
        // Step 2: SYNs whose sequence number was rewritten on the path (a firewall's "sequence
        // number randomisation"). Every free client SYN stream is scored against every free
        // server SYN stream to the same server (port, or the mapping learned in step 1); pairs
        // are taken best first, and a client or server whose two best candidates score the same
        // is reported ambiguous.
        private void MatchByFingerprint()
        {
            List<StreamFacts> clients = [.. client.Streams.Where(c => c.HasSyn && ClientFree(c))];
            List<StreamFacts> servers = [.. server.Streams.Where(s => s.HasSyn && ServerFree(s))];
            if (clients.Count == 0 || servers.Count == 0)
            {
                return;
            }
            HashSet<(ushort, ushort)> portMap = [.. _byClient.Values.Select(m => (m.ClientSide.Server.Port, m.ServerSide.Server.Port))];
            var serversByPort = servers.GroupBy(s => s.Server.Port).ToDictionary(g => g.Key, g => g.ToList());
            var candidates = new List<Candidate>();
            foreach (StreamFacts c in clients)
            {
                foreach ((ushort from, ushort to) in portMap.Where(p => p.Item1 == c.Server.Port).DefaultIfEmpty((c.Server.Port, c.Server.Port)))
                {
                    _ = from;
                    if (!serversByPort.TryGetValue(to, out List<StreamFacts>? list))
                    {
                        continue;
                    }
                    foreach (StreamFacts s in list)
                    {
                        (int score, string evidence) = Score(c, s);
                        if (score >= options.MinScore)
                        {
                            candidates.Add(new Candidate(c, s, score, evidence));
                        }
                    }
                }
            }
            TakeBest(candidates,
                (x, clientTie, rivals) => clientTie
                    ? $"{rivals.Count} server streams fit its SYN equally (score {x.Score})"
                    : $"server stream {x.S.Stream} fits this and another client stream equally (score {x.Score})",
                x => new MatchedStream(x.C, x.S, MatchMethod.SynFingerprint, $"{x.Evidence}; score {x.Score}",
                    unchecked(x.S.ClientIsn!.Value - x.C.ClientIsn!.Value), OffsetS2C(x.C, x.S)));
        }

        // Points: IP ID of a SYN transmission +3, TCP timestamp value +3 (a different one -3),
        // window scale and SACK-permitted alike +1 (a different scale -2), same client port +1,
        // same or mapped client address +1, arrival within a second of the clock estimate +1,
        // same first data lengths +2. Outside the time window (when the clock is known): no match.
        private (int Score, string Evidence) Score(StreamFacts c, StreamFacts s)
        {
            SynTransmission u = s.Syns[0];
            long? delay = SynDelay(c, s);
            if (_clock.Samples > 0 && delay is null)
            {
                return (0, "");
            }
            int score = 0;
            var evidence = new List<string>(6);
            SynTransmission t = c.Syns.FirstOrDefault(x => x.IpId == u.IpId && x.IpId != 0);
            bool ipId = t.Frame != 0;
            if (ipId)
            {
                score += 3;
                evidence.Add("ip id");
            }
            else
            {
                t = c.Syns[^1];
            }
            if (t.TsValue is { } a && u.TsValue is { } b)
            {
                bool same = c.Syns.Any(x => x.TsValue == b);
                score += same ? 3 : -3;
                if (same)
                {
                    evidence.Add("tcp timestamp");
                }
                _ = a;
            }
            if (t.WindowScale != u.WindowScale)
            {
                score -= 2;
            }
            else if (t.SackPermitted == u.SackPermitted)
            {
                score += 1;
                evidence.Add("options");
            }
            if (c.Client.Port == s.Client.Port)
            {
                score += 1;
                evidence.Add("client port");
            }
            if (c.Client.Address == s.Client.Address || _byClient.Values.Any(m => m.ClientSide.Client.Address == c.Client.Address && m.ServerSide.Client.Address == s.Client.Address))
            {
                score += 1;
                evidence.Add("client address");
            }
            if (_clock.Samples > 0 && delay is { } d && Math.Abs(d) < 1_000_000_000)
            {
                score += 1;
                evidence.Add("timing");
            }
            if (DataLengths(c.FirstC2S) is { Length: > 0 } lengths && lengths.SequenceEqual(DataLengths(s.FirstC2S)))
            {
                score += 2;
                evidence.Add("data lengths");
            }
            return (score, string.Join(" + ", evidence)); // no commas: CSV cells stay cut-friendly
        }

        private static int[] DataLengths(List<PacketMark> marks) =>
            [.. marks.Where(m => m.Length > 0 && (m.Flags & TcpFlags.Syn) == 0).Select(m => m.Length).Take(4)];
    }
}
