namespace TcpLens.Correlation.Comparison;

public static partial class PacketComparer
{
    /// <summary>Identity of a frame at both points: direction, numbers on the client's numbering, length, flags.</summary>
    private readonly record struct PacketKey(int Pair, bool C2S, uint Seq, uint Ack, int Length, byte Flags);

    /// <summary>One frame at one point; Ordinal numbers the sender's frames of the direction.</summary>
    private readonly record struct Copy(bool Sender, long Time, int IpId, byte Ttl, byte TrafficClass, ushort Window, long Ordinal)
    {
        public bool Matched { get; init; }
    }

    /// <summary>The frames with one key that are still within the match window, in arrival order.</summary>
    private sealed class Copies
    {
        public readonly List<Copy> Items = new(2);

        /// <summary>When a copy of this frame first reached the receiving point (client clock).</summary>
        public long? DeliveredAt;

        // The unmatched copy of the given side with the same IP ID, else the oldest unmatched one
        // (a path that rewrites IP IDs), or -1.
        public int FindUnmatched(bool sender, int ipId)
        {
            int oldest = -1;
            for (int i = 0; i < Items.Count; i++)
            {
                Copy c = Items[i];
                if (c.Sender != sender || c.Matched)
                {
                    continue;
                }
                if (c.IpId == ipId)
                {
                    return i;
                }
                if (oldest < 0)
                {
                    oldest = i;
                }
            }
            return oldest;
        }
    }
}
