using TcpLens.Analysis;

namespace TcpLens.Plots.Series;

/// <summary>
/// What one side of a stream sent, frame by frame: the columns the charts draw. Sequence
/// numbers are Wireshark's relative numbers; <see cref="Ack"/>, <see cref="Window"/> and the SACK
/// blocks describe the other side's data (they are what this side tells the sender).
/// </summary>
public sealed class DirectionSeries
{
    internal DirectionSeries(string name) => Name = name;

    /// <summary>"client" or "server": the sender of these frames.</summary>
    public string Name { get; }

    /// <summary>Seconds since the stream's first frame.</summary>
    public List<double> Time { get; } = [];

    /// <summary>Frame numbers.</summary>
    public List<long> Frame { get; } = [];

    /// <summary>Relative sequence number of the frame's first byte.</summary>
    public List<long> Seq { get; } = [];

    /// <summary>TCP payload bytes (<c>tcp.len</c>).</summary>
    public List<int> Length { get; } = [];

    /// <summary>Relative acknowledgement number, or -1 for a frame without ACK.</summary>
    public List<long> Ack { get; } = [];

    /// <summary>
    /// Receive window this side advertised (scaled, bytes), or -1 when unknown or not advertised:
    /// a RST's window field (usually 0) is no window advertisement, and Wireshark flags no zero
    /// window on a RST, so charts draw no window point for it.
    /// </summary>
    public List<long> Window { get; } = [];

    /// <summary>Wireshark's analysis flags of the frame.</summary>
    public List<AnalysisFlags> Flags { get; } = [];

    /// <summary>Bytes in flight after this frame (<c>tcp.analysis.bytes_in_flight</c>), 0 when Wireshark gives none.</summary>
    public List<long> BytesInFlight { get; } = [];

    /// <summary>Frame length on the wire.</summary>
    public List<int> WireLength { get; } = [];

    /// <summary>ACK RTT samples carried by this side's ACKs: (time, seconds), for the other side's data.</summary>
    public List<(double Time, double Rtt)> AckRtt { get; } = [];

    /// <summary>SACK blocks this side reported: (time, relative left edge, relative right edge) in the other side's numbers.</summary>
    public List<(double Time, long Left, long Right)> Sack { get; } = [];

    /// <summary>Frames sent.</summary>
    public int Count => Time.Count;

    /// <summary>Payload bytes sent (retransmissions included).</summary>
    public long PayloadBytes { get; private set; }

    /// <summary>Frames carrying any of <paramref name="flags"/>.</summary>
    public int CountFlags(AnalysisFlags flags) => Flags.Count(f => (f & flags) != 0);

    internal void Add(double time, in AnalyzedPacket p)
    {
        PacketAnalysis a = p.Analysis;
        bool hasAck = p.Segment.HasFlags && p.Segment.Has(Capture.Decoding.TcpFlags.Ack);
        Time.Add(time);
        Frame.Add(p.Frame);
        Seq.Add(a.RelativeSeq);
        Length.Add(Math.Max(0, a.SegmentLength));
        Ack.Add(hasAck ? a.RelativeAck : -1);
        Window.Add(p.Segment.Has(Capture.Decoding.TcpFlags.Rst) ? -1 : a.WindowSize);
        Flags.Add(a.Flags);
        BytesInFlight.Add(a.BytesInFlight);
        WireLength.Add(p.WireLength);
        PayloadBytes += Math.Max(0, a.SegmentLength);
        if (a.AckRttNs is { } rtt)
        {
            AckRtt.Add((time, rtt / 1e9));
        }
        if (hasAck && p.Segment.SackBlockCount > 0)
        {
            // SACK edges are raw numbers of the other side; its relative base is this frame's raw ACK minus its relative ACK
            uint otherBase = p.Segment.Acknowledgement - a.RelativeAck;
            for (int i = 0; i < p.Segment.SackBlockCount; i++)
            {
                Capture.Decoding.SackBlock block = p.Segment.Sack[i];
                Sack.Add((time, (uint)(block.Left - otherBase), (uint)(block.Right - otherBase)));
            }
        }
    }
}
