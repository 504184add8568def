namespace TcpLens.Correlation.Comparison;

public static partial class PacketComparer
{
    /// <summary>Identity of a frame at both points: direction, numbers on the client's numbering, length, flags.</summary>
    private readonly record struct PacketKey(int Pair, bool C2S, uint Seq, uint Ack, int Length, byte Flags);

    /// <summary>One frame at one point; Ordinal numbers the sender's frames of the direction.</summary>
    private readonly record struct Copy(bool Sender, long Time, int IpId, byte Ttl, byte TrafficClass, ushort Window, long Ordinal)
    {
        /// <summary>A receiving-point copy of a frame already delivered with the same IP ID.</summary>
        public bool MaybeDuplicate { get; init; }
    }

    /// <summary>A frame delivered to the other point: when first, and with which IP ID.</summary>
    private readonly record struct DeliveredCopy(long At, int IpId);

    /// <summary>The frames with one key still waiting for their copy at the other point, in arrival order.</summary>
    private sealed class Copies
    {
        public readonly List<Copy> Items = new(2);

        // The waiting copy of the given side with the same IP ID, else the oldest one that is not
        // a possible duplicate (a path that rewrites IP IDs), or -1.
        public int FindUnmatched(bool sender, int ipId)
        {
            int oldest = -1;
            for (int i = 0; i < Items.Count; i++)
            {
                Copy c = Items[i];
                if (c.Sender != sender)
                {
                    continue;
                }
                if (c.IpId == ipId)
                {
                    return i;
                }
                if (oldest < 0 && !c.MaybeDuplicate)
                {
                    oldest = i;
                }
            }
            return oldest;
        }
    }
}
