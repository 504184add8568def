namespace TcpLens.Correlation.Comparison;

public static partial class PacketComparer
{
    private sealed partial class Run
    {
        // Frames older than the match window are settled: a sent frame without its copy is lost
        // (when the other capture was running by the time it should have arrived), a received
        // one without its copy was sent before the sending point's capture began, or made on the path.
        private void ExpireUntil(long now)
        {
            long horizon = now == long.MaxValue ? long.MaxValue : now - _options.MatchWindowNs;
            foreach ((PacketKey key, Copies copies) in _waiting)
            {
                if (copies.Items[0].Time > horizon)
                {
                    continue; // copies are in arrival order: nothing here is due yet
                }
                Pair pair = _pairs[key.Pair];
                DirectionComparison dir = key.C2S ? pair.Result.ClientToServer : pair.Result.ServerToClient;
                int kept = 0;
                for (int i = 0; i < copies.Items.Count; i++)
                {
                    Copy c = copies.Items[i];
                    if (c.Time > horizon)
                    {
                        copies.Items[kept++] = c;
                        continue;
                    }
                    if (!c.Sender && c.MaybeDuplicate)
                    {
                        dir.Duplicated++;
                    }
                    else if (key.Length > 0 && pair.Bytes(key.C2S, sender: !c.Sender) is var other
                        && pair.Unwrap(key.C2S, key.Seq) is var start && other.Covers(start, start + key.Length))
                    {
                        dir.Resegmented++;
                    }
                    else if (c.Sender)
                    {
                        if (!(key.C2S ? pair.C2SObserved : pair.S2CObserved))
                        {
                            dir.Unobserved++;
                        }
                        else if (ReceiverWasRunning(key.C2S, c.Time))
                        {
                            dir.Lost++;
                        }
                    }
                    else if (SenderWasRunning(key.C2S, c.Time))
                    {
                        dir.OnlyAtReceiver++;
                    }
                }
                copies.Items.RemoveRange(kept, copies.Items.Count - kept);
                if (kept == 0)
                {
                    _settled.Add(key);
                }
            }
            foreach (PacketKey key in _settled)
            {
                _pool.Push(_waiting[key]);
                _waiting.Remove(key);
            }
            _settled.Clear();
        }

        private bool ReceiverWasRunning(bool c2s, long sent)
        {
            long guard = Math.Max(1_000_000, c2s ? _maxDelayC2S : _maxDelayS2C);
            return c2s
                ? sent >= _serverFirst && sent + guard <= _serverLast
                : sent >= _clientFirst && sent + guard <= _clientLast;
        }

        private bool SenderWasRunning(bool c2s, long received)
        {
            long guard = Math.Max(1_000_000, c2s ? _maxDelayC2S : _maxDelayS2C);
            return c2s
                ? received - guard >= _clientFirst && received <= _clientLast + guard
                : received - guard >= _serverFirst && received <= _serverLast + guard;
        }

        public ComparisonResult Finish()
        {
            ExpireUntil(long.MaxValue);
            var serverThink = new DelayHistogram();
            var clientThink = new DelayHistogram();
            _totalC2S.Add(_unmatchedC2S);
            _totalS2C.Add(_unmatchedS2C);
            foreach (Pair p in _pairs)
            {
                _totalC2S.Add(p.Result.ClientToServer);
                _totalS2C.Add(p.Result.ServerToClient);
                serverThink.Add(p.Result.ServerThink);
                clientThink.Add(p.Result.ClientThink);
            }
            var result = new ComparisonResult
            {
                Match = _match,
                Streams = [.. _pairs.Select(p => p.Result)],
                TotalClientToServer = _totalC2S,
                TotalServerToClient = _totalS2C,
                ServerThink = serverThink,
                ClientThink = clientThink,
                Verdict = [],
            };
            return new ComparisonResult
            {
                Match = result.Match,
                Streams = result.Streams,
                TotalClientToServer = result.TotalClientToServer,
                TotalServerToClient = result.TotalServerToClient,
                ServerThink = result.ServerThink,
                ClientThink = result.ClientThink,
                Verdict = VerdictWriter.Write(result),
            };
        }
    }
}
