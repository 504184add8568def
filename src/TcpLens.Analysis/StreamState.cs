using TcpLens.Analysis.Streams;
using TcpLens.Capture.Decoding;

namespace TcpLens.Analysis;

/// <summary>
/// One direction of a stream as the analysis sees it now. Sequence numbers are raw; subtract
/// <see cref="BaseSeq"/> for Wireshark's relative numbers.
/// </summary>
/// <param name="BaseSeqKnown">A packet of this direction (or an ACK of the other) set the base.</param>
/// <param name="BaseSeq">The ISN (or the first sequence number minus one when the SYN was not seen).</param>
/// <param name="NextSeq">The highest sequence number sent plus one (0 before any data, SYN or FIN).</param>
/// <param name="LastAck">The last acknowledgement number this direction sent.</param>
/// <param name="Window">The last raw 16-bit window this direction advertised (0xFFFFFFFF before its first packet).</param>
/// <param name="WindowScale">The shift in use: 0–14, -1 unknown (handshake not seen), -2 no scaling.</param>
/// <param name="Mss">The MSS this direction announced (or Wireshark's default 536/1220), -1 when unknown.</param>
/// <param name="UnackedSegments">Segments sent and not yet acknowledged.</param>
public readonly record struct DirectionState(
    bool BaseSeqKnown, uint BaseSeq, uint NextSeq, uint LastAck, uint Window, int WindowScale, int Mss, int UnackedSegments);

/// <summary>
/// A stream's state at the point the analysis has reached: who is who, each direction's state,
/// <c>tcp.completeness</c> and the initial RTT.
/// </summary>
/// <param name="Stream"><c>tcp.stream</c>.</param>
/// <param name="FirstSender">Sender of the stream's first frame (the client when that frame is a SYN).</param>
/// <param name="FirstReceiver">The other endpoint, to which the first frame went.</param>
/// <param name="FromFirst">The direction of the stream's first frame.</param>
/// <param name="ToFirst">The reverse direction.</param>
/// <param name="Completeness">What the stream has shown (SYN, SYN/ACK, ACK, data, FIN, RST).</param>
/// <param name="InitialRttNs">Wireshark's <c>initial_rtt</c> in ns, null while unknown.</param>
public readonly record struct StreamState(
    int Stream, Endpoint FirstSender, Endpoint FirstReceiver,
    DirectionState FromFirst, DirectionState ToFirst, Completeness Completeness, long? InitialRttNs)
{
    internal static StreamState From(Conversation c)
    {
        ConnectionKey k = c.Key;
        Flow first = c.FirstFromLow ? c.Low : c.High;
        Flow other = c.FirstFromLow ? c.High : c.Low;
        return new StreamState(
            c.Stream,
            c.FirstFromLow ? new Endpoint(k.LowAddress, k.LowPort) : new Endpoint(k.HighAddress, k.HighPort),
            c.FirstFromLow ? new Endpoint(k.HighAddress, k.HighPort) : new Endpoint(k.LowAddress, k.LowPort),
            Direction(first), Direction(other), c.Completeness, c.InitialRtt != 0 ? c.InitialRtt : null);
    }

    private static DirectionState Direction(Flow f) =>
        new(f.BaseSeqSet, f.BaseSeq, f.NextSeq, f.LastAck, f.Window, f.WinScale, f.Mss, f.Segments.Count);
}
