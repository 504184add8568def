using System.Runtime.InteropServices;

namespace TcpLens.Correlation.Comparison;

public static partial class PacketComparer
{
    /// <summary>
    /// Packets delivered to the other point, kept for a while: when the numbers first arrived (a
    /// retransmission sent after that resent a delivered frame) and with which IP IDs (another
    /// copy of one of those is a duplicate). Two generations, each <c>generationNs</c> long: the
    /// older is dropped whole when the newer fills, so memory follows the frames of the last few
    /// seconds without per-frame expiry. One entry per numbers; the IP IDs of up to two packets
    /// with the same numbers are kept in it, more (retransmissions that all arrived) beside it.
    /// </summary>
    private sealed class DeliveredMemory(long generationNs)
    {
        private Generation _now = new(), _before = new();
        private long _rotateAt = long.MinValue;

        private struct Entry
        {
            public long FirstAt;
            public int IpId0, IpId1;
            public byte IpIds; // 3: more in Generation.MoreIpIds

            public readonly bool Holds(int ipId) => ipId == IpId0 || (IpIds > 1 && ipId == IpId1);
        }

        private sealed class Generation
        {
            public readonly Dictionary<PacketKey, Entry> Entries = [];
            public readonly HashSet<(PacketKey, int)> MoreIpIds = [];

            public bool Contains(PacketKey key, int ipId) =>
                Entries.TryGetValue(key, out Entry e) && (e.Holds(ipId) || (e.IpIds > 2 && MoreIpIds.Contains((key, ipId))));

            public void Clear()
            {
                Entries.Clear();
                MoreIpIds.Clear();
            }
        }

        public void Advance(long now)
        {
            if (now < _rotateAt)
            {
                return;
            }
            (_now, _before) = (_before, _now);
            _now.Clear();
            _rotateAt = now + generationNs;
        }

        public void Add(PacketKey key, int ipId, long at)
        {
            ref Entry e = ref CollectionsMarshal.GetValueRefOrAddDefault(_now.Entries, key, out bool exists);
            if (!exists)
            {
                e.FirstAt = at;
                e.IpId0 = ipId;
                e.IpIds = 1;
            }
            else if (!e.Holds(ipId))
            {
                if (e.IpIds == 1)
                {
                    e.IpId1 = ipId;
                    e.IpIds = 2;
                }
                else
                {
                    e.IpIds = 3;
                    _now.MoreIpIds.Add((key, ipId));
                }
            }
        }

        /// <summary>True when a copy with these numbers and this IP ID was delivered.</summary>
        public bool Contains(PacketKey key, int ipId) => _now.Contains(key, ipId) || _before.Contains(key, ipId);

        /// <summary>When a copy with these numbers (any IP ID) first arrived: the older generation holds the earlier time.</summary>
        public bool TryFirst(PacketKey key, out long at)
        {
            if (_before.Entries.TryGetValue(key, out Entry e) || _now.Entries.TryGetValue(key, out e))
            {
                at = e.FirstAt;
                return true;
            }
            at = 0;
            return false;
        }
    }
}
