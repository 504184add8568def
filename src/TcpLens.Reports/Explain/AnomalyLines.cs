using static TcpLens.Reports.Explain.Words;

namespace TcpLens.Reports.Explain;

/// <summary>
/// The anomalies part: the episodes as lines, merged (neighbours of one family and side, alike
/// ones first) until they fit <see cref="ExplainOptions.MaxAnomalyLines"/>, so a busy stream reads
/// in a screen or two and no frame is left out; a totals line comes first, holding every figure the verdict quotes.
/// </summary>
internal static class AnomalyLines
{
    public static List<string> Write(IReadOnlyList<AnomalyGroup> episodes, AnomalyText.Timing timing, int maxLines, out Totals totals, out List<AnomalyGroup> groups)
    {
        totals = Totals.Of(episodes);
        groups = Fit(episodes, Math.Max(2, maxLines - 1));
        var lines = new List<string>(groups.Count + 1);
        if (groups.Count > 0)
        {
            lines.Add(totals.Line);
        }
        var said = new HashSet<string>(StringComparer.Ordinal);
        lines.AddRange(groups.Select(g => AnomalyText.Line(g, timing, said)));
        return lines;
    }

    // Merges neighbours within each family and side until at most max groups remain, the
    // partition with the most lines first; merged groups keep every count and the frame range.
    internal static List<AnomalyGroup> Fit(IReadOnlyList<AnomalyGroup> episodes, int max)
    {
        var parts = episodes.GroupBy(g => (g.Family, g.DataC2S)).Select(p => p.ToList()).ToList();
        int total = episodes.Count;
        while (total > max)
        {
            List<AnomalyGroup> biggest = parts.MaxBy(p => p.Count)!;
            if (biggest.Count <= 1)
            {
                break; // one line per family and side is as short as it gets
            }
            int before = biggest.Count;
            List<AnomalyGroup> merged = Halve(biggest, sameSignatureOnly: true);
            if (merged.Count == before)
            {
                merged = Halve(biggest, sameSignatureOnly: false);
            }
            biggest.Clear();
            biggest.AddRange(merged);
            total -= before - merged.Count;
        }
        return [.. parts.SelectMany(p => p).OrderBy(g => g.FirstFrame)];
    }

    private static List<AnomalyGroup> Halve(List<AnomalyGroup> groups, bool sameSignatureOnly)
    {
        var result = new List<AnomalyGroup>(groups.Count / 2 + 1);
        int i = 0;
        while (i < groups.Count)
        {
            AnomalyGroup g = groups[i];
            if (i + 1 < groups.Count && (!sameSignatureOnly || groups[i + 1].Signature == g.Signature))
            {
                var merged = new AnomalyGroup(g.Family, g.DataC2S, g.FirstFrame, g.FirstTime);
                merged.Merge(g);
                merged.Merge(groups[i + 1]);
                result.Add(merged);
                i += 2;
            }
            else
            {
                result.Add(g);
                i++;
            }
        }
        return result;
    }

    /// <summary>Every kind summed over the stream: the figures the verdict quotes, all in one line of the anomalies part.</summary>
    internal sealed class Totals
    {
        private readonly Dictionary<AnomalyKind, KindStats> _kinds = [];

        public string Line { get; private set; } = "";

        public KindStats? this[AnomalyKind kind] => _kinds.GetValueOrDefault(kind);

        public int CountOf(AnomalyKind kind) => _kinds.TryGetValue(kind, out KindStats? k) ? k.Count : 0;

        /// <summary>ACKs of bytes the capture really does not hold (Wireshark's marks that cover captured bytes left out).</summary>
        public int AcksOfMissedData => this[AnomalyKind.AckedUnseen] is { } k ? k.Count - k.NothingMissing : 0;

        public string? AcksOfMissedDataPhrase => AcksOfMissedData > 0 ? Count(AcksOfMissedData, "ACK") + " of data the capture missed" : null;

        /// <summary>Whose data the loss events are about: "client", "server", or null for both or none.</summary>
        public string? LossSide { get; private set; }

        public static Totals Of(IReadOnlyList<AnomalyGroup> groups)
        {
            var t = new Totals();
            var sides = new HashSet<bool>();
            foreach (AnomalyGroup g in groups)
            {
                foreach (KindStats k in g.Kinds)
                {
                    if (!t._kinds.TryGetValue(k.Kind, out KindStats? sum))
                    {
                        t._kinds[k.Kind] = sum = new KindStats(k.Kind);
                    }
                    sum.Merge(k);
                    if (k.Kind is AnomalyKind.Lost || AnomalyKinds.IsResend(k.Kind))
                    {
                        sides.Add(g.DataC2S);
                    }
                }
            }
            t.LossSide = sides.Count == 1 ? (sides.First() ? "client" : "server") : null;
            t.Line = t.Describe();
            return t;
        }

        /// <summary>The phrase for a kind's total, as the totals line and the verdict both say it.</summary>
        public string Phrase(AnomalyKind kind)
        {
            KindStats k = _kinds[kind];
            return kind switch
            {
                AnomalyKind.Lost => LostPhrase(k),
                AnomalyKind.OutOfOrder => Count(k.Count, "out-of-order segment"),
                AnomalyKind.AckedUnseen => string.Join("; ", new[]
                {
                    k.Count > k.NothingMissing ? Count(k.Count - k.NothingMissing, "ACK") + " of data the capture missed" : null,
                    k.NothingMissing > 0 ? Count(k.NothingMissing, "ACKed-unseen mark with nothing missing", "ACKed-unseen marks with nothing missing") : null,
                }.OfType<string>()),
                AnomalyKind.DuplicateAck => Count(k.Count, "duplicate ACK"),
                AnomalyKind.FastRetransmission => Count(k.Count, "fast retransmission"),
                AnomalyKind.SackRecovery => Count(k.Count, "SACK/RACK-based resend"),
                AnomalyKind.PartialAck => Count(k.Count, "resend after a partial ACK", "resends after partial ACKs"),
                AnomalyKind.TailLossProbe => Count(k.Count, "tail-loss probe"),
                AnomalyKind.Timeout => Count(k.Count, "retransmission timeout"),
                AnomalyKind.Unexplained => Count(k.Count, "resend without a visible trigger", "resends without a visible trigger"),
                AnomalyKind.Spurious => Count(k.Count, "spurious retransmission"),
                AnomalyKind.DSack => Count(k.Count, "duplicate ACK answering duplicate data", "duplicate ACKs answering duplicate data"),
                AnomalyKind.PathCopy => Count(k.Count, "copy made on the path or by the capture", "copies made on the path or by the capture"),
                AnomalyKind.SynRetransmission => Count(k.Count, "SYN retransmission"),
                AnomalyKind.SynAckRetransmission => Count(k.Count, "SYN/ACK retransmission"),
                AnomalyKind.ReusedPorts => Count(k.Count, "reuse of the ports", "reuses of the ports"),
                AnomalyKind.WindowFull => Count(k.Count, "full window"),
                AnomalyKind.WindowProbe => Count(k.Count, "window probe"),
                AnomalyKind.ZeroWindow => Count(k.Count, "zero window"),
                AnomalyKind.ZeroWindowProbe => Count(k.Count, "zero-window probe"),
                AnomalyKind.ZeroWindowProbeAck => Count(k.Count, "zero-window probe answer"),
                AnomalyKind.WindowUpdate => Count(k.Count, "window update"),
                AnomalyKind.KeepAlive => Count(k.Count, "keep-alive probe"),
                AnomalyKind.KeepAliveAck => Count(k.Count, "keep-alive answer"),
                _ => kind.ToString(),
            };
        }

        /// <summary>The figures of the gaps, each as the verdict may quote it: lost and resent, reordered, missed by the capture, never resent.</summary>
        public string? LostAndResent => this[AnomalyKind.Lost] is { Repaired: > 0 } k ? $"{N(k.Repaired)} lost and resent" : null;

        public string? NeverResent => this[AnomalyKind.Lost] is { } k && Open(k) > 0 ? $"{N(Open(k))} never resent" : null;

        public string? Reordered => this[AnomalyKind.Lost] is { FilledLate: > 0 } k ? $"{N(k.FilledLate)} reordered" : null;

        public string? MissedByCapture => this[AnomalyKind.Lost] is { MissedByCapture: > 0 } k ? $"{N(k.MissedByCapture)} missed by the capture" : null;

        private static int Open(KindStats k) => k.SizedGaps - k.Repaired - k.MissedByCapture - k.FilledLate - k.FilledUnclear;

        private string LostPhrase(KindStats k)
        {
            var parts = new List<string>(2);
            if (k.SizedGaps > 0)
            {
                List<string> fates = [.. new[] { LostAndResent, Reordered, MissedByCapture,
                    k.FilledUnclear > 0 ? $"{N(k.FilledUnclear)} filled late or resent" : null, NeverResent }.OfType<string>()];
                parts.Add($"{Count(k.SizedGaps, "gap")} in the data ({Bytes(k.Bytes)}{(fates.Count > 0 ? ": " + string.Join(", ", fates) : "")})");
            }
            if (k.Count > k.SizedGaps)
            {
                parts.Add(Count(k.Count - k.SizedGaps, "lost-segment mark with nothing missing", "lost-segment marks with nothing missing"));
            }
            return string.Join("; ", parts);
        }

        /// <summary>Every count by its stable name: the kinds, then the gaps by how they were settled.</summary>
        public Dictionary<string, long> Counts()
        {
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach ((AnomalyKind kind, KindStats k) in _kinds.OrderBy(p => p.Key))
            {
                counts[AnomalyKinds.Name(kind)] = k.Count;
            }
            if (this[AnomalyKind.Lost] is { } lost)
            {
                counts["gaps"] = lost.SizedGaps;
                counts["gaps_lost_and_resent"] = lost.Repaired;
                counts["gaps_reordered"] = lost.FilledLate;
                counts["gaps_missed_by_capture"] = lost.MissedByCapture;
                counts["gaps_filled_unclear"] = lost.FilledUnclear;
                counts["gaps_never_resent"] = Open(lost);
                counts["gap_bytes"] = lost.Bytes;
            }
            if (this[AnomalyKind.AckedUnseen] is { } unseen)
            {
                counts["acks_of_missed_data"] = unseen.Count - unseen.NothingMissing;
            }
            return counts;
        }

        /// <summary>The slowest repair of a gap, "12.7 ms (frame 138)", or null when no gap was resent.</summary>
        public string? SlowestRepair => this[AnomalyKind.Lost] is { Repaired: > 0 } k ? $"{Ms(k.RepairMax)} (frame {N(k.SlowestRepairFrame)})" : null;

        private string Describe()
        {
            var items = new List<string>();
            foreach (AnomalyKind kind in _kinds.Keys.Order())
            {
                string phrase = Phrase(kind);
                if (kind == AnomalyKind.Lost && SlowestRepair is { } slowest)
                {
                    phrase += $", the slowest repair {slowest}";
                }
                items.Add(phrase);
            }
            return "In all: " + string.Join("; ", items) + ".";
        }
    }
}
