using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;
using TcpLens.Capture.Decoding;
using static TcpLens.Reports.Explain.Words;

namespace TcpLens.Reports.Explain;

/// <summary>The data exchange as turns of the conversation (new data one way, then the other), the first few told one by one.</summary>
internal sealed class DataStory(int shown)
{
    private sealed class Turn
    {
        public bool C2S;
        public long FirstFrame, LastFrame, FirstTime, LastTime, Bytes;
        public int Segments;
        public string? Note;
    }

    private readonly List<Turn> _turns = [];
    private Turn? _current;
    private int _count;
    private long _lastFrame;

    /// <summary>True when the next data frame starts a turn that will be told, so its payload is worth describing.</summary>
    public bool WantsNote(in ExplainFrame f) => IsNewData(f) && (_current is null || _current.C2S != f.C2S) && _turns.Count < shown;

    public void Add(in ExplainFrame f, string? note)
    {
        if (!IsNewData(f))
        {
            return;
        }
        if (_current is null || _current.C2S != f.C2S)
        {
            _count++;
            _current = new Turn { C2S = f.C2S, FirstFrame = f.Number, FirstTime = f.Time, Note = note };
            if (_turns.Count < shown)
            {
                _turns.Add(_current);
            }
        }
        _current.LastFrame = f.Number;
        _current.LastTime = f.Time;
        _current.Bytes += f.Length;
        _current.Segments++;
        _lastFrame = f.Number;
    }

    private static bool IsNewData(in ExplainFrame f) => f.Length > 0 && !f.Is(AnalysisFlags.Retransmission) && !f.Has(TcpFlags.Syn);

    public List<string> Lines(Session s)
    {
        var lines = new List<string>();
        if (_count == 0)
        {
            lines.Add("No data was exchanged.");
            return lines;
        }
        lines.Add($"The client sent {Bytes(s.ClientToServer.PayloadBytes)} and the server {Bytes(s.ServerToClient.PayloadBytes)} (retransmissions included).");
        for (int i = 0; i < _turns.Count; i++)
        {
            Turn p = _turns[i];
            long took = p.LastTime - p.FirstTime;
            string rate = took > 0 && p.Bytes > 100_000 ? $" over {Duration(took)} ({Rate(p.Bytes, took)})" : "";
            string what = p.Note is { } note ? $" starting with {note}" : "";
            string wait = i > 0 ? $", {Ms(p.FirstTime - _turns[i - 1].LastTime)} after the {(_turns[i - 1].C2S ? "client" : "server")}'s last data" : "";
            lines.Add($"{Cap(FrameSpan(p.FirstFrame, p.LastFrame))}: the {(p.C2S ? "client" : "server")} sent {Bytes(p.Bytes)} in {Count(p.Segments, "segment")}{rate}{what}{wait}.");
        }
        if (_count > _turns.Count)
        {
            lines.Add($"... and {Count(_count - _turns.Count, "more turn")} of the conversation, up to frame {N(_lastFrame)}.");
        }
        if (s.RttSamples > 0)
        {
            lines.Add($"Round-trip times from {Count(s.RttSamples, "ACK")} (capture point to the far end and back): min {Ms(s.RttMinNs!.Value)}, average {Ms(s.RttAvgNs!.Value)}, max {Ms(s.RttMaxNs!.Value)}.");
        }
        return lines;
    }
}
