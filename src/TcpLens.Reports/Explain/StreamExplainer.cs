using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;

namespace TcpLens.Reports.Explain;

/// <summary>
/// Tells one connection in plain words from its session summary and its frames: the handshake
/// and its timing, the options, the data exchange in turns, every anomaly with its cause and the
/// evidence for it, the close, and a verdict that only quotes what the parts above it say.
/// <code>
/// Session s = TcpCapture.Open(path).Sessions().First(x => x.Stream == 17);
/// using TcpCapture again = TcpCapture.Open(path);
/// Console.WriteLine(StreamExplainer.Explain(again, s).ToText());
/// </code>
/// </summary>
public static class StreamExplainer
{
    /// <summary>
    /// Reads the rest of <paramref name="capture"/> (opened without read-ahead, so payloads can be
    /// described) and explains the stream of <paramref name="session"/>; null when the capture holds none of its frames.
    /// </summary>
    public static Explanation? Explain(TcpCapture capture, Session session, ExplainContext? context = null, ExplainOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(capture);
        var narrator = new StreamNarrator(session, context, options);
        bool any = false;
        while (capture.TryReadPacket(out AnalyzedPacket p, out ReadOnlySpan<byte> payload))
        {
            if (p.Analysis.HasStream && p.Analysis.Stream == session.Stream)
            {
                narrator.Add(p, payload);
                any = true;
            }
        }
        return any ? narrator.Finish() : null;
    }

    /// <summary>Explains the frames of <paramref name="ladder"/> with <paramref name="session"/> (the same stream's summary).</summary>
    public static Explanation Explain(Session session, Ladder.Ladder ladder, ExplainContext? context = null, ExplainOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(ladder);
        var narrator = new StreamNarrator(session, context, options);
        foreach (Ladder.LadderFrame f in ladder.Frames)
        {
            narrator.Add(f.Packet, f.Payload);
        }
        return narrator.Finish();
    }
}
