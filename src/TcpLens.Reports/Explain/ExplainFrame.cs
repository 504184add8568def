using TcpLens.Analysis;
using TcpLens.Capture.Decoding;

namespace TcpLens.Reports.Explain;

/// <summary>One frame of the connection, in the terms the narrative uses (client-to-server or not, relative numbers, the evidence fields).</summary>
internal readonly record struct ExplainFrame(
    long Number, long Time, bool C2S, TcpFlags Flags, bool HasFlags,
    uint Seq, uint Ack, uint RawSeq, uint RawAck, int Length, long Window, ushort RawWindow,
    AnalysisFlags Analysis, int DupAckNumber, long DupAckFrame, long? AckRtt, long? InitialRtt,
    int IpId, bool HasTimestamps, uint TsValue, int SackBlockCount, SackBlock FirstSack, uint HighestSackEdge)
{
    public string Side => C2S ? "client" : "server";

    public string Peer => C2S ? "server" : "client";

    public bool Has(TcpFlags f) => (Flags & f) != 0;

    public bool Is(AnalysisFlags f) => (Analysis & f) != 0;

    /// <summary>One past the last payload byte (relative).</summary>
    public uint End => unchecked(Seq + (uint)Length);

    /// <summary>One past the last payload byte (raw).</summary>
    public uint RawEnd => unchecked(RawSeq + (uint)Length);

    /// <summary>A bare SYN: the client's connection attempt.</summary>
    public bool IsSyn => Has(TcpFlags.Syn) && !Has(TcpFlags.Ack);

    /// <summary>A SYN/ACK.</summary>
    public bool IsSynAck => Has(TcpFlags.Syn) && Has(TcpFlags.Ack);

    public static ExplainFrame Of(in AnalyzedPacket p, bool c2s, long relativeTime)
    {
        PacketAnalysis a = p.Analysis;
        ref readonly TcpSegment s = ref p.Segment;
        bool hasFlags = s.HasFlags;
        uint highest = 0;
        for (int i = 0; i < s.SackBlockCount; i++)
        {
            if (i == 0 || (int)(s.Sack[i].Right - highest) > 0)
            {
                highest = s.Sack[i].Right;
            }
        }
        return new ExplainFrame(p.Frame, relativeTime, c2s, hasFlags ? s.Flags : TcpFlags.None, hasFlags,
            a.RelativeSeq, a.RelativeAck, s.Sequence, s.Acknowledgement, Math.Max(0, a.SegmentLength), a.WindowSize, s.Window,
            a.Flags, a.DupAckNumber, a.DupAckFrame, a.AckRttNs, a.InitialRttNs,
            s.IpId, s.HasTimestamps, s.TsValue, s.SackBlockCount, s.SackBlockCount > 0 ? s.Sack[0] : default, highest);
    }
}
