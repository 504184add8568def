namespace TcpLens.Correlation.Comparison;

public static partial class PacketComparer
{
    /// <summary>
    /// The numbers of a frame at both points: direction, sequence and acknowledgement on the
    /// client's numbering, length, flags. Retransmissions may share them; the IP ID tells them apart.
    /// </summary>
    private readonly record struct PacketKey(int Pair, bool C2S, uint Seq, uint Ack, int Length, byte Flags);

    /// <summary>One frame at one point; Ordinal numbers the sender's frames of the direction.</summary>
    private readonly record struct Copy(bool Sender, long Time, int IpId, byte Ttl, byte TrafficClass, ushort Window, long Ordinal)
    {
        /// <summary>A receiving-point copy of a packet already delivered: a duplicate unless its sender copy still comes.</summary>
        public bool MaybeDuplicate { get; init; }
    }

    /// <summary>The frames with one key still waiting for their copy at the other point, in arrival order.</summary>
    private sealed class Copies
    {
        public readonly List<Copy> Items = new(2);

        /// <summary>The oldest waiting copy of the given side with this IP ID (the same packet), or -1.</summary>
        public int FindSame(bool sender, int ipId)
        {
            for (int i = 0; i < Items.Count; i++)
            {
                if (Items[i].Sender == sender && Items[i].IpId == ipId)
                {
                    return i;
                }
            }
            return -1;
        }

        /// <summary>
        /// The oldest waiting copy of the given side, not a duplicate, that may pair with a frame
        /// with <paramref name="ipId"/> by the numbers alone (the path rewrites IP IDs, or one is 0), or -1.
        /// </summary>
        public int FindLoose(bool sender, int ipId, Flow flow)
        {
            for (int i = 0; i < Items.Count; i++)
            {
                Copy c = Items[i];
                if (c.Sender == sender && !c.MaybeDuplicate && flow.LooseIpIds(ipId, c.IpId))
                {
                    return i;
                }
            }
            return -1;
        }
    }
}
