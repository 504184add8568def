namespace TcpLens.Correlation.Comparison;

public static partial class PacketComparer
{
    private sealed partial class Run
    {
        // Frames older than the match window are settled, received ones first: a received frame
        // without its copy was resegmented (its bytes were sent cut otherwise), made on the path,
        // or sent while the sending capture was not running; a sent frame waits longer, by the
        // largest delay seen, so that the received frames which could hold its bytes are settled
        // by then, and is then resegmented, unobserved, lost, or sent while the receiving capture
        // was not running. Before that, a frame whose numbers match a waiting frame of the other
        // point with another IP ID pairs with it: the path rewrites IP IDs.
        private void ExpireUntil(long now)
        {
            Sweep(now, senders: false);
            Sweep(now, senders: true);
        }

        private void Sweep(long now, bool senders)
        {
            foreach ((PacketKey key, Copies copies) in _waiting)
            {
                long horizon = Horizon(now, senders, key.C2S);
                if (copies.Items[0].Time > horizon)
                {
                    continue; // copies are in arrival order: nothing here is due yet
                }
                Flow flow = _pairs[key.Pair].Flow(key.C2S);
                List<Copy> items = copies.Items;
                for (int i = 0; i < items.Count;)
                {
                    Copy c = items[i];
                    if (c.Sender != senders || c.Time > horizon)
                    {
                        i++;
                        continue;
                    }
                    items.RemoveAt(i);
                    if (!c.MaybeDuplicate && items.FindIndex(o => o.Sender != c.Sender && !o.MaybeDuplicate) is var j and >= 0)
                    {
                        Copy other = items[j];
                        items.RemoveAt(j);
                        LearnRewrittenIpIds(flow);
                        Deliver(flow, key, c.Sender ? c : other, c.Sender ? other : c, asArrived: false);
                        if (j < i)
                        {
                            i--;
                        }
                        continue;
                    }
                    if (c.Sender)
                    {
                        SettleSent(flow, key, c);
                    }
                    else
                    {
                        SettleReceived(flow, key, c);
                    }
                }
                if (items.Count == 0)
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

        private long Horizon(long now, bool senders, bool c2s)
        {
            if (now == long.MaxValue)
            {
                return long.MaxValue;
            }
            long lag = senders ? Math.Min(c2s ? _maxDelayC2S : _maxDelayS2C, _options.MaxDelayNs) + 1_000_000 : 0;
            return now - _options.MatchWindowNs - lag;
        }

        // The numbers of a frame at both points, but other IP IDs, and no frame of the direction
        // yet paired with the same IP ID: the path rewrites them, so pair by numbers from now on.
        private static void LearnRewrittenIpIds(Flow flow)
        {
            if (flow.SameIpIdMatches == 0)
            {
                flow.RewritesIpIds = true;
            }
        }

        private void SettleSent(Flow flow, PacketKey key, Copy c)
        {
            DirectionComparison dir = flow.Result;
            if (key.Length > 0 && flow.Unwrap(key.Seq) is var start && flow.UnmatchedReceivedBytes.Covers(start, start + key.Length))
            {
                dir.ResegmentedSent++;
            }
            else if (!flow.Observed)
            {
                dir.Unobserved++;
            }
            else if (ReceiverWasRunning(key.C2S, c.Time))
            {
                dir.Lost++;
            }
            else
            {
                dir.OutsideSpanSent++;
            }
        }

        private void SettleReceived(Flow flow, PacketKey key, Copy c)
        {
            DirectionComparison dir = flow.Result;
            if (c.MaybeDuplicate)
            {
                dir.Duplicated++;
                return;
            }
            long start = key.Length > 0 ? flow.Unwrap(key.Seq) : 0;
            if (key.Length > 0 && flow.SentBytes.Covers(start, start + key.Length))
            {
                dir.ResegmentedReceived++;
                flow.UnmatchedReceivedBytes.Add(start, start + key.Length);
            }
            else if (SenderWasRunning(key.C2S, c.Time))
            {
                dir.OnlyAtReceiver++;
                flow.UnmatchedReceivedBytes.Add(start, start + key.Length);
            }
            else
            {
                dir.OutsideSpanReceived++;
            }
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
    }
}
