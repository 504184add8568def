using TcpLens.Correlation.Facts;

namespace TcpLens.Correlation.Matching;

/// <summary>
/// Ties the streams of a client-side capture to those of a server-side capture of the same
/// traffic, strongest evidence first: (1) the SYN's raw sequence number; (2) when a middlebox
/// rewrote it, the SYN's IP ID, options, timestamps, timing and first data lengths, scored, with
/// the per-connection sequence offset learned from the pair; (3) for connections without a SYN
/// at one side, addresses and ports (or the NAT mapping learned in 1 and 2) and overlapping
/// sequence ranges. A candidate that is not clearly better than the next is reported as
/// ambiguous, never matched. Then the clock offset, the SYNs that never arrived and the
/// streams only the server saw.
/// </summary>
public static partial class StreamMatcher
{
    /// <summary>Reads both captures (in parallel) and matches them.</summary>
    public static MatchResult Match(string clientPath, string serverPath, MatchOptions? options = null)
    {
        (CaptureFacts client, CaptureFacts server) = FactsCollector.CollectBoth(clientPath, serverPath);
        return Match(client, server, options);
    }

    /// <summary>Matches the streams of two collected captures.</summary>
    public static MatchResult Match(CaptureFacts client, CaptureFacts server, MatchOptions? options = null)
    {
        var run = new Run(client, server, options ?? new MatchOptions());
        return run.Execute();
    }

    private sealed partial class Run(CaptureFacts client, CaptureFacts server, MatchOptions options)
    {
        private readonly Dictionary<int, MatchedStream> _byClient = [];
        private readonly HashSet<int> _serverTaken = [];
        private readonly List<AmbiguousMatch> _ambiguous = [];
        private readonly HashSet<int> _ambiguousClients = [];
        private ClockOffset _clock = ClockOffset.Unknown;

        public MatchResult Execute()
        {
            List<(StreamFacts Client, List<StreamFacts> Candidates)> undecided = MatchByIsn();
            _clock = EstimateClock();
            if (_clock.Samples == 0)
            {
                _clock = CoarseClockFromSynIpIds();
            }
            ResolveByTime(undecided);
            MatchByFingerprint();
            MatchMidstream();
            _clock = EstimateClock() is { Samples: > 0 } better ? better : _clock;
            CaptureOrder order = CaptureOrderCheck.FromHandshakes(_byClient.Values);
            (List<MissingSyn> missing, List<MissingSyn> missingOutside) = MissingSyns();
            (List<UnmatchedStream> serverOnly, List<UnmatchedStream> serverOutside) = ServerOnly();
            // Every connection took part in matching (NAT mappings, the clock); with --server only
            // those to the servers named are reported.
            List<MatchedStream> matched = [.. _byClient.Values.Where(Shown).OrderBy(m => m.ClientSide.Stream)];
            List<AmbiguousMatch> ambiguous = [.. _ambiguous.Where(Shown).OrderBy(a => a.ClientSide.Stream)];
            return new MatchResult(client, server, _clock, matched, missing, missingOutside, serverOnly, serverOutside,
                ambiguous, NatMappings(matched)) { Order = order };
        }

        // A match to a server named with --server, as either capture sees it.
        private bool Shown(MatchedStream m) => options.Servers.Count == 0
            || options.Servers.Any(p => p.Matches(m.ClientSide.Server) || p.Matches(m.ServerSide.Server));

        private bool Shown(AmbiguousMatch a) => options.Servers.Count == 0
            || options.Servers.Any(p => p.Matches(a.ClientSide.Server)
                || a.Candidates.Any(s => p.Matches(s.Server)));

        private bool ClientFree(StreamFacts c) => !_byClient.ContainsKey(c.Stream) && !_ambiguousClients.Contains(c.Stream);

        private bool ServerFree(StreamFacts s) => !_serverTaken.Contains(s.Stream);

        private void Take(MatchedStream m)
        {
            _byClient[m.ClientSide.Stream] = m;
            _serverTaken.Add(m.ServerSide.Stream);
        }

        private void Ambiguous(StreamFacts c, IReadOnlyList<StreamFacts> candidates, string reason)
        {
            if (_ambiguousClients.Add(c.Stream))
            {
                _ambiguous.Add(new AmbiguousMatch(c, candidates, reason));
            }
        }

        private readonly record struct Candidate(StreamFacts C, StreamFacts S, int Score, string Evidence);

        // Scored candidate pairs, best first: a pair is taken when both streams are free and
        // neither has another free candidate scoring as high; otherwise the client stream is
        // reported ambiguous with its equally good server candidates.
        private void TakeBest(List<Candidate> candidates, Func<Candidate, bool, List<StreamFacts>, string> tieReason, Func<Candidate, MatchedStream> match)
        {
            var byClient = candidates.GroupBy(x => x.C.Stream).ToDictionary(g => g.Key, g => g.OrderByDescending(x => x.Score).ToList());
            var byServer = candidates.GroupBy(x => x.S.Stream).ToDictionary(g => g.Key, g => g.OrderByDescending(x => x.Score).ToList());
            foreach (Candidate x in candidates.OrderByDescending(x => x.Score).ThenBy(x => x.C.Stream))
            {
                if (!ClientFree(x.C) || !ServerFree(x.S))
                {
                    continue;
                }
                List<Candidate> forClient = [.. byClient[x.C.Stream].Where(y => ServerFree(y.S))];
                List<Candidate> forServer = [.. byServer[x.S.Stream].Where(y => ClientFree(y.C))];
                bool clientTie = forClient.Count > 1 && forClient[1].Score >= x.Score;
                bool serverTie = forServer.Count > 1 && forServer[1].Score >= x.Score;
                if (clientTie || serverTie)
                {
                    List<StreamFacts> rivals = [.. forClient.Where(y => y.Score >= x.Score).Select(y => y.S)];
                    Ambiguous(x.C, rivals, tieReason(x, clientTie, rivals));
                    continue;
                }
                Take(match(x));
            }
        }

        private static bool SameTuple(StreamFacts c, StreamFacts s) =>
            c.Client == s.Client && c.Server == s.Server;

        // The server ISN as each side saw it gives the offset of the reverse direction; without a
        // SYN/ACK at both sides, a fingerprint packet seen at both (same IP ID and length) does.
        private static uint OffsetS2C(StreamFacts c, StreamFacts s)
        {
            if (c.ServerIsn is { } ci && s.ServerIsn is { } si)
            {
                return unchecked(ci - si);
            }
            foreach (PacketMark sm in s.FirstS2C)
            {
                foreach (PacketMark cm in c.FirstS2C)
                {
                    if (cm.IpId == sm.IpId && cm.Length == sm.Length && cm.Flags == sm.Flags && cm.IpId != 0)
                    {
                        return unchecked(cm.Sequence - sm.Sequence);
                    }
                }
            }
            return 0;
        }
    }
}
