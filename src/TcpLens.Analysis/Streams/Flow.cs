using System.Runtime.CompilerServices;

namespace TcpLens.Analysis.Streams;

/// <summary>
/// One direction's sequence-analysis state (Wireshark's tcp_flow_t plus its analysis fields;
/// docs/wireshark-tcp-rules.md §5). All sequence fields hold raw 32-bit numbers.
/// </summary>
internal sealed class Flow
{
    public bool BaseSeqSet;
    public uint BaseSeq;
    public uint NextSeq;
    public long NextSeqFrame;
    public long NextSeqTime;
    public uint MaxSeqToBeAcked;
    public uint LastAck;
    public long LastAckTime;
    public uint Window = 0xFFFFFFFF;
    public AnalysisFlags LastSegmentFlags;
    public int DupAckNum;
    public long LastNonDupAck;
    // Wireshark keeps this in 8 bits; only the low byte of the length survives.
    public byte LastAckLength;
    public int SackCount;
    public SackEdges SackLeft;
    public SackEdges SackRight;
    public bool ValidBytesInFlight;
    public short Mss = -1;
    public int WinScale = -1;
    public bool IsFirstAck;
    public readonly UnackedSegments Segments = new();

    /// <summary>Up to four SACK block edges, inline: a flow object per direction of every open connection.</summary>
    [InlineArray(4)]
    public struct SackEdges
    {
        private uint _first;
    }

    /// <summary>Bytes covered by the stored SACK blocks (unsigned, wrapping like Wireshark).</summary>
    public uint SackedBytes()
    {
        uint total = 0;
        for (int i = 0; i < SackCount; i++)
        {
            total = unchecked(total + (SackRight[i] - SackLeft[i]));
        }
        return total;
    }
}
