using TcpLens.Capture;
using TcpLens.Capture.Decoding;

namespace TcpLens.Analysis;

/// <summary>
/// One TCP frame of a capture with its decoded header and Wireshark-style analysis: what one
/// row of <c>tcplens packets</c> shows. A plain value; copying it allocates nothing. Fields
/// rather than properties, so hot loops can read the large members by reference.
/// </summary>
public readonly struct AnalyzedPacket
{
    /// <summary>Frame number (<c>frame.number</c>, from 1).</summary>
    public readonly long Frame;

    /// <summary>Capture timestamp.</summary>
    public readonly Timestamp Time;

    /// <summary>The frame's length on the wire (<c>frame.len</c>).</summary>
    public readonly int WireLength;

    /// <summary>The decoded IP and TCP header (for ICMP errors: the quoted segment).</summary>
    public readonly TcpSegment Segment;

    /// <summary>The analysis of the frame.</summary>
    public readonly PacketAnalysis Analysis;

    /// <summary>Creates a packet record.</summary>
    public AnalyzedPacket(long frame, Timestamp time, int wireLength, in TcpSegment segment, in PacketAnalysis analysis)
    {
        Frame = frame;
        Time = time;
        WireLength = wireLength;
        Segment = segment;
        Analysis = analysis;
    }
}
