using TcpLens.Analysis;

namespace TcpLens.Correlation.Comparison;

public static partial class PacketComparer
{
    private sealed partial class Run
    {
        private const AnalysisFlags AnyRetransmission =
            AnalysisFlags.Retransmission | AnalysisFlags.FastRetransmission | AnalysisFlags.SpuriousRetransmission;

        private void OnSent(Flow flow, PacketKey key, Copy copy, AnalysisFlags flags)
        {
            if ((flags & AnyRetransmission) != 0)
            {
                flow.Result.Retransmissions++;
                if (_delivered.TryFirst(key, out long at) && at <= copy.Time)
                {
                    flow.Result.RetransmissionsOfDelivered++;
                }
            }
            // The copy at the receiving point comes first only when the clock estimate is off by
            // more than the delay: the same packet if it is there, else (IP IDs rewritten) the oldest.
            if (_waiting.TryGetValue(key, out Copies? copies))
            {
                int i = copies.FindSame(sender: false, copy.IpId);
                if (i < 0)
                {
                    i = copies.FindLoose(sender: false, copy.IpId, flow);
                }
                if (i >= 0)
                {
                    Copy received = copies.Items[i];
                    Settle(key, copies, i);
                    Deliver(flow, key, copy, received, asArrived: true);
                    return;
                }
            }
            Wait(flow, key, copy);
        }

        // The same packet first; a copy of a packet already delivered is a duplicate, never a
        // stand-in for another waiting frame with the same numbers (a retransmission, or the lost
        // original of one); the numbers alone only where the path rewrites IP IDs.
        private void OnReceived(Flow flow, PacketKey key, Copy copy)
        {
            _waiting.TryGetValue(key, out Copies? copies);
            int i = copies?.FindSame(sender: true, copy.IpId) ?? -1;
            if (i < 0 && _delivered.Contains(key, copy.IpId))
            {
                Wait(flow, key, copy with { MaybeDuplicate = true });
                return;
            }
            if (i < 0)
            {
                i = copies?.FindLoose(sender: true, copy.IpId, flow) ?? -1;
            }
            if (i >= 0)
            {
                Copy sent = copies!.Items[i];
                Settle(key, copies, i);
                Deliver(flow, key, sent, copy, asArrived: true);
                return;
            }
            bool duplicate = flow.LooseIpIds(copy.IpId, copy.IpId) && _delivered.TryFirst(key, out _);
            Wait(flow, key, copy with { MaybeDuplicate = duplicate });
        }

        // A frame without its copy at the other point yet. A sent frame's bytes are noted: a
        // receiving point that saw them cut otherwise shows resegmentation, not frames of its own.
        private void Wait(Flow flow, PacketKey key, Copy copy)
        {
            if (copy.Sender && key.Length > 0)
            {
                long start = flow.Unwrap(key.Seq);
                flow.SentBytes.Add(start, start + key.Length);
            }
            if (!_waiting.TryGetValue(key, out Copies? copies))
            {
                copies = _pool.Count > 0 ? _pool.Pop() : new Copies();
                _waiting[key] = copies;
            }
            copies.Items.Add(copy);
        }

        private void Settle(PacketKey key, Copies copies, int index)
        {
            copies.Items.RemoveAt(index);
            if (copies.Items.Count == 0)
            {
                _waiting.Remove(key);
                _pool.Push(copies);
            }
        }

        // One frame seen at both points. asArrived: paired when the receiving point's copy came
        // (or its sender copy did), so the order of arrival is known; pairs made when the window
        // closed are not counted for reordering.
        private void Deliver(Flow flow, PacketKey key, Copy sent, Copy received, bool asArrived)
        {
            DirectionComparison dir = flow.Result;
            dir.Matched++;
            dir.Delay.Add(received.Time - sent.Time);
            _delivered.Add(key, received.IpId, received.Time);
            dir.AddTtlDrop(sent.Ttl - received.Ttl);
            if (sent.Window != received.Window)
            {
                dir.WindowChanged++;
            }
            if (sent.IpId != received.IpId)
            {
                dir.IpIdChanged++;
            }
            else if (sent.IpId != 0)
            {
                flow.SameIpIdMatches++;
            }
            if ((sent.TrafficClass >> 2) != (received.TrafficClass >> 2))
            {
                dir.DscpChanged++;
            }
            if (asArrived)
            {
                if (sent.Ordinal < flow.MaxArrived)
                {
                    dir.Reordered++;
                }
                else
                {
                    flow.MaxArrived = sent.Ordinal;
                }
            }
            ref long maxDelay = ref flow.C2S ? ref _maxDelayC2S : ref _maxDelayS2C;
            maxDelay = Math.Clamp(received.Time - sent.Time, maxDelay, _options.MaxDelayNs);
        }
    }
}
