using TcpLens.Analysis;
using TcpLens.Capture.Decoding;
using static TcpLens.Reports.Explain.Words;

namespace TcpLens.Reports.Explain;

public static partial class StreamExplainer
{
    /// <summary>Every anomaly Wireshark flagged, in frame order, with its meaning and likely cause; repeated ones in runs.</summary>
    internal sealed class Anomalies
    {
        private const int MaxLines = 60;
        private readonly List<Frame> _frames;
        private readonly List<(string Key, List<long> Frames, Func<List<long>, string> Text)> _events = [];

        public int Lost { get; private set; }
        public int Retransmissions { get; private set; }
        public int Fast { get; private set; }
        public int Spurious { get; private set; }
        public int Timeouts { get; private set; }
        public int SynRetransmissions { get; private set; }
        public int WindowProbes { get; private set; }
        public int OutOfOrder { get; private set; }
        public int AckedUnseen { get; private set; }
        public int DupAcks { get; private set; }
        public int ZeroWindows { get; private set; }
        public int WindowFull { get; private set; }
        public long LongestRepairNs { get; private set; }

        public Anomalies(List<Frame> frames)
        {
            _frames = frames;
            Find();
        }

        public List<string> Describe()
        {
            List<string> lines = Compress();
            if (lines.Count > MaxLines)
            {
                int hidden = lines.Count - MaxLines + 10;
                lines = [.. lines.Take(MaxLines - 10), $"... {Count(hidden, "more anomaly line")} (every frame: tcplens ladder)", .. lines.Skip(lines.Count - 10)];
            }
            return lines;
        }

        // A cycle of anomalies that repeats (full window, zero window, window update, again and
        // again) is told once, with how often and over which frames it recurred.
        private List<string> Compress()
        {
            var lines = new List<string>();
            int i = 0;
            while (i < _events.Count)
            {
                (int length, int repeats) = LongestCycle(i);
                if (repeats >= 3)
                {
                    var cycle = _events.Skip(i).Take(length).Select(e => e.Text(e.Frames));
                    int last = i + length * repeats - 1;
                    lines.Add($"Frames {N(_events[i].Frames[0])}-{N(_events[last].Frames[^1])}: the same {Count(length, "step")} repeated {N(repeats)} times; the first time: " + string.Join(" ", cycle));
                    i = last + 1;
                }
                else
                {
                    lines.Add(_events[i].Text(_events[i].Frames));
                    i++;
                }
            }
            return lines;
        }

        private (int Length, int Repeats) LongestCycle(int start)
        {
            (int Length, int Repeats) best = (1, 1);
            for (int length = 1; length <= 4; length++)
            {
                int repeats = 1;
                while (start + length * (repeats + 1) <= _events.Count
                       && Enumerable.Range(0, length).All(k => Kind(_events[start + k].Key) == Kind(_events[start + length * repeats + k].Key)))
                {
                    repeats++;
                }
                if (repeats >= 3 && repeats * length > best.Repeats * best.Length
                    && Enumerable.Range(0, length).All(k => Compressible(_events[start + k].Key)))
                {
                    best = (length, repeats);
                }
            }
            return best;
        }

        // Only receiver-pressure and idle events are told as cycles: each loss and repair keeps its own line.
        private static bool Compressible(string key) =>
            key.StartsWith("run:full:", StringComparison.Ordinal) || key.StartsWith("run:zero:", StringComparison.Ordinal)
            || key.StartsWith("run:update:", StringComparison.Ordinal) || key.StartsWith("run:probe:", StringComparison.Ordinal)
            || key.StartsWith("run:zwp", StringComparison.Ordinal) || key == "run:ka";

        // the key without values that change from one occurrence to the next (sequence numbers)
        private static string Kind(string key) => key.StartsWith("run:dup:", StringComparison.Ordinal) || key.StartsWith("run:rto:", StringComparison.Ordinal)
            ? key[..key.LastIndexOf(':')] : key;

        // Repeated events of one kind, side and value join the previous line when nothing else came between.
        private void Add(string key, long frame, Func<List<long>, string> text)
        {
            if (_events.Count > 0 && _events[^1].Key == key && key.StartsWith("run:", StringComparison.Ordinal))
            {
                _events[^1].Frames.Add(frame);
                return;
            }
            _events.Add((key, [frame], text));
        }

        private void Find()
        {
            var maxEnd = new Dictionary<bool, uint>();
            var firstSent = new Dictionary<(bool, uint), Frame>();
            // the latest data frame per direction, and the latest spurious retransmission: a
            // duplicate ACK right after one answers duplicate data, it reports no hole
            var lastData = new Dictionary<bool, long>();
            var lastSpurious = new Dictionary<bool, long>();
            var lastFull = new Dictionary<bool, long>();
            for (int i = 0; i < _frames.Count; i++)
            {
                Frame f = _frames[i];
                if (f.Is(AnalysisFlags.LostSegment))
                {
                    Lost++;
                    uint holeStart = maxEnd.TryGetValue(f.C2S, out uint e) ? e : f.Seq;
                    int index = i; // the loop variable is shared by every iteration's closure
                    string text = LostText(f, holeStart, index);
                    Add("lost", f.Number, _ => text);
                }
                if (f.Is(AnalysisFlags.Retransmission))
                {
                    Retransmissions++;
                    firstSent.TryGetValue((f.C2S, f.Seq), out Frame original);
                    string first = original.Number != 0 && original.Number != f.Number
                        ? $" (first sent in frame {N(original.Number)}, {Ms(f.Time - original.Time)} earlier)" : "";
                    string what = f.Has(TcpFlags.Syn) ? "its SYN" : f.Length > 0 ? $"seq {N(f.Seq)}-{N(f.End)}" : f.Has(TcpFlags.Fin) ? "its FIN" : $"seq {N(f.Seq)}";
                    if (original.Number != 0)
                    {
                        LongestRepairNs = Math.Max(LongestRepairNs, f.Time - original.Time);
                    }
                    if (f.Is(AnalysisFlags.SpuriousRetransmission))
                    {
                        Spurious++;
                        Add($"run:spurious:{f.C2S}", f.Number, fr => $"{Cap(Frames(fr))}: the {f.Side} resent {what}{first}, data the {f.Peer} had already acknowledged: a spurious retransmission (its ACK was late or lost, or the retransmission timer fired too early).");
                    }
                    else if (f.Is(AnalysisFlags.FastRetransmission))
                    {
                        Fast++;
                        Add("fast", f.Number, fr => $"Frame {N(f.Number)}: the {f.Side} resent {what}{first} after the {f.Peer}'s duplicate ACKs: a fast retransmission, the normal repair of a lost segment.");
                    }
                    else if (f.Has(TcpFlags.Syn))
                    {
                        Timeouts++;
                        SynRetransmissions++;
                        Add($"run:synrto:{f.C2S}", f.Number, fr => $"{Cap(Frames(fr))}: the {f.Side} sent its {(f.C2S ? "SYN" : "SYN/ACK")} again{first}: no answer came back in time (it or its answer was lost, or the {f.Peer} was slow to answer).");
                    }
                    else if (lastFull.GetValueOrDefault(f.C2S, -1) == lastData.GetValueOrDefault(f.C2S, -2))
                    {
                        // the side's previous data filled the peer's window: Linux's persist timer
                        // sends part of the next segment into the closed window, which Wireshark
                        // calls a retransmission
                        WindowProbes++;
                        Retransmissions--;
                        Add($"run:probe:{f.C2S}", f.Number, fr => $"{Cap(Frames(fr))}: the {f.Side} resent {what}{first} while the {f.Peer}'s window was full: a window probe (persist timer), not a loss.");
                    }
                    else
                    {
                        Timeouts++;
                        Add($"run:rto:{f.C2S}:{f.Seq}", f.Number, fr => $"{Cap(Frames(fr))}: the {f.Side} resent {what}{first} without duplicate ACKs to prompt it: a retransmission timeout (RTO), the slow repair (the segment or its ACK was lost{(fr.Count > 1 ? ", again and again" : "")}).");
                    }
                }
                if (f.Is(AnalysisFlags.OutOfOrder))
                {
                    OutOfOrder++;
                    Add($"run:ooo:{f.C2S}", f.Number, fr => $"{Cap(Frames(fr))}: the {f.Side}'s segment came after a later one (out of order): reordering on the path, or a retransmission sent soon after the original.");
                }
                if (f.Is(AnalysisFlags.AckLostSegment))
                {
                    AckedUnseen++;
                    Add($"run:ackunseen:{f.C2S}", f.Number, fr => $"{Cap(Frames(fr))}: the {f.Side} acknowledged {f.Peer} data that the capture never showed: the capture point missed those frames (a SPAN port or tap dropping), the network delivered them.");
                }
                if (f.Is(AnalysisFlags.DuplicateAck) && lastSpurious.TryGetValue(!f.C2S, out long spuriousFrame)
                    && spuriousFrame == lastData.GetValueOrDefault(!f.C2S, -1))
                {
                    DupAcks++;
                    Add($"run:dsack:{f.C2S}", f.Number, fr => $"{Cap(Frames(fr))}: the {f.Side} answered the duplicate data with a duplicate ACK (a D-SACK when SACK is on): nothing was missing.");
                }
                else if (f.Is(AnalysisFlags.DuplicateAck))
                {
                    DupAcks++;
                    Add($"run:dup:{f.C2S}:{f.Ack}", f.Number, fr => $"{Cap(Frames(fr))}: the {f.Side} sent {Count(fr.Count, "duplicate ACK")} for seq {N(f.Ack)} (duplicates of frame {N(f.DupAckFrame)}): it was receiving later data while the {f.Peer}'s bytes from seq {N(f.Ack)} were missing.");
                }
                if (f.Is(AnalysisFlags.ZeroWindow))
                {
                    ZeroWindows++;
                    Frame? reopen = _frames.Skip(i + 1).Where(g => g.C2S == f.C2S && g.Window > 0).Cast<Frame?>().FirstOrDefault();
                    Add($"run:zero:{f.C2S}", f.Number, fr => $"{Cap(Frames(fr))}: the {f.Side} advertised a zero window: its receive buffer was full because its application did not read fast enough (receiver pressure, not the network); the {f.Peer} had to stop." +
                        (reopen is { } r ? $" The window reopened in frame {N(r.Number)}, {Duration(r.Time - f.Time)} after frame {N(f.Number)}." : " It never reopened in the capture."));
                }
                if (f.Is(AnalysisFlags.ZeroWindowProbe))
                {
                    Add($"run:zwp:{f.C2S}", f.Number, fr => $"{Cap(Frames(fr))}: the {f.Side} probed the closed window ({Count(fr.Count, "zero-window probe")}).");
                }
                if (f.Is(AnalysisFlags.ZeroWindowProbeAck))
                {
                    Add($"run:zwpack:{f.C2S}", f.Number, fr => $"{Cap(Frames(fr))}: the {f.Side} answered the probes, window still closed.");
                }
                if (f.Is(AnalysisFlags.WindowFull))
                {
                    WindowFull++;
                    Add($"run:full:{f.C2S}", f.Number, fr => $"{Cap(Frames(fr))}: the {f.Side}'s data filled the {f.Peer}'s advertised receive window: the transfer waited on the receiver's window, not on the network.");
                }
                if (f.Is(AnalysisFlags.WindowUpdate))
                {
                    Add($"run:update:{f.C2S}", f.Number, fr => $"{Cap(Frames(fr))}: the {f.Side} opened its window further (window update{(fr.Count > 1 ? "s" : "")}).");
                }
                if (f.Is(AnalysisFlags.KeepAlive) || f.Is(AnalysisFlags.KeepAliveAck))
                {
                    // probes and their answers alternate: one line for the exchange
                    bool probe = f.Is(AnalysisFlags.KeepAlive);
                    string prober = probe ? f.Side : f.Peer, answerer = probe ? f.Peer : f.Side;
                    Add("run:ka", f.Number, fr => $"{Cap(Frames(fr))}: keep-alive probes from the {prober} and the {answerer}'s answers: the connection was idle and the {prober} checked the {answerer} was still there.");
                }
                if (f.Is(AnalysisFlags.ReusedPorts))
                {
                    Add("reused", f.Number, fr => $"Frame {N(f.Number)}: a new SYN reused the ports of an earlier connection in the capture (Wireshark starts a new stream here).");
                }
                uint end = unchecked(f.End + (f.Has(TcpFlags.Syn) || f.Has(TcpFlags.Fin) ? 1u : 0u));
                if (!maxEnd.TryGetValue(f.C2S, out uint m) || (int)(end - m) > 0)
                {
                    maxEnd[f.C2S] = end;
                }
                if (f.Length > 0 || f.Has(TcpFlags.Syn))
                {
                    firstSent.TryAdd((f.C2S, f.Seq), f);
                    lastData[f.C2S] = f.Number;
                    if (f.Is(AnalysisFlags.WindowFull))
                    {
                        lastFull[f.C2S] = f.Number;
                    }
                    if (f.Is(AnalysisFlags.SpuriousRetransmission))
                    {
                        lastSpurious[f.C2S] = f.Number;
                    }
                }
            }
        }

        private string LostText(Frame f, uint holeStart, int index)
        {
            long missing = Math.Max(0, (long)(int)(f.Seq - holeStart));
            string hole = missing > 0 ? $"{Bytes(missing)} before it (seq {N(holeStart)}-{N(f.Seq)})" : "data before it";
            string head = $"Frame {N(f.Number)}: the {f.Side}'s segment at seq {N(f.Seq)} arrived but {hole} never passed the capture point: lost upstream of the capture (or not captured).";
            foreach (Frame g in _frames.Skip(index + 1))
            {
                if (g.C2S == f.C2S && g.Length > 0 && (int)(g.Seq - holeStart) <= 0 && (int)(g.End - holeStart) > 0)
                {
                    string kind = g.Is(AnalysisFlags.FastRetransmission) ? "a fast retransmission" : g.Is(AnalysisFlags.Retransmission) ? "a retransmission" : "a late segment";
                    LongestRepairNs = Math.Max(LongestRepairNs, g.Time - f.Time);
                    return head + $" Repaired by {kind} in frame {N(g.Number)}, {Ms(g.Time - f.Time)} later.";
                }
                if (g.C2S != f.C2S && g.Has(TcpFlags.Ack) && (int)(g.Ack - f.Seq) >= 0)
                {
                    return head + $" The {f.Peer} acknowledged past it in frame {N(g.Number)}, so it did arrive: the capture point missed it.";
                }
            }
            return head + " No repair appears in the capture.";
        }

        private static string Cap(string s) => char.ToUpperInvariant(s[0]) + s[1..];
    }
}
