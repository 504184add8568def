namespace TcpLens.Capture.Timelines;

/// <summary>
/// Decides whether files named like pieces of one rotation follow each other in time. Pieces are
/// taken in the order of their first frames; each joins the timeline whose last piece it follows
/// (written with the same header, <see cref="PieceStart.RecordingOf"/>, and starting no earlier
/// than <see cref="RotationOptions.OverlapToleranceNs"/> before that piece's last frame and no
/// later than <see cref="RotationOptions.MaxGapNs"/> after it), or starts a timeline of its own.
/// So one rotation stays one timeline, two captures made at the same time become two, and two
/// rotations recorded side by side are untangled into their own timelines. The result depends
/// only on the files' names and frames.
/// </summary>
internal static class RotationSplitter
{
    private sealed class Piece(PieceStart start, int nameIndex)
    {
        public PieceStart Start { get; } = start;
        public int NameIndex { get; } = nameIndex;
        public Timestamp First => Start.First!.Value;
        public Timestamp? Last { get; set; }
    }

    /// <summary>The timelines of <paramref name="group"/> (files in name order, two or more) and a note saying why.</summary>
    public static (List<List<string>> Timelines, RotationNote Note) Split(IReadOnlyList<string> group, RotationOptions options)
    {
        var starts = new PieceStart[group.Count];
        Parallel.For(0, group.Count, Parallelism(), i => starts[i] = PieceStart.Read(group[i]));
        if (starts.FirstOrDefault(s => s.Problem is not null) is { } unreadable)
        {
            // as before times were compared: the order a rotation is written in, and the file's
            // problem is reported again when it is read
            return ([[.. group]], new RotationNote(RotationVerdict.NameOrder, [[.. group]], unreadable.Problem!));
        }
        List<Piece> timed = [.. starts.Select((s, i) => new Piece(s, i)).Where(p => !p.Start.IsEmpty).OrderBy(p => p.First)];
        // the piece that starts last is never followed, so its end is never needed
        Parallel.For(0, Math.Max(0, timed.Count - 1), Parallelism(), i => timed[i].Last = PieceEnd.Read(timed[i].Start, out _));

        var chains = new List<List<Piece>>();
        var reasons = new List<string>();
        for (int k = 0; k < timed.Count; k++)
        {
            Piece p = timed[k];
            // Where several timelines could take it (two rotations recorded side by side), the
            // one whose last piece comes just before it by name wins, as a writer numbers its
            // pieces; then the one that ended last.
            List<Piece>? follows = chains
                .Where(c => Follows(p, c[^1], options))
                .OrderByDescending(c => c[^1].NameIndex < p.NameIndex ? c[^1].NameIndex : -1)
                .ThenByDescending(c => End(c[^1]))
                .FirstOrDefault();
            if (follows is not null)
            {
                follows.Add(p);
                continue;
            }
            if (k > 0)
            {
                reasons.Add(Why(p, timed[k - 1]));
            }
            chains.Add([p]);
        }
        List<List<string>> timelines = WithEmptyPieces(group, starts, chains);
        RotationNote note = timelines.Count == 1
            ? new RotationNote(RotationVerdict.Joined, [.. timelines], timed.Count > 1
                ? "names differ only in digits; each file starts where the one before it ends"
                : "names differ only in digits; only one of them holds frames")
            : new RotationNote(RotationVerdict.Separated, [.. timelines], string.Join("; ", reasons));
        return (timelines, note);
    }

    private static bool Follows(Piece next, Piece previous, RotationOptions options)
    {
        if (next.Start.Recording != previous.Start.Recording)
        {
            return false;
        }
        long gap = (long)(next.First.ExactNanoseconds - End(previous).ExactNanoseconds);
        return gap >= -options.OverlapToleranceNs && gap <= options.MaxGapNs;
    }

    // Without a known end (the file changed between reads), a piece ends where it starts.
    private static Timestamp End(Piece p) => p.Last ?? p.First;

    private static string Why(Piece next, Piece previous)
    {
        if (next.Start.Recording != previous.Start.Recording)
        {
            return $"{next.Start.File} was written as {next.Start.Recording}, {previous.Start.File} as {previous.Start.Recording}";
        }
        long gap = (long)(next.First.ExactNanoseconds - End(previous).ExactNanoseconds);
        return gap < 0
            ? $"{next.Start.File} starts {RotationNote.Duration(gap)} before {previous.Start.File} ends"
            : $"{next.Start.File} starts {RotationNote.Duration(gap)} after {previous.Start.File} ends";
    }

    // A piece without frames (a ring-buffer file of a quiet interval) goes where its name puts
    // it: after the nearest piece with frames before it in name order, else before the first after it.
    private static List<List<string>> WithEmptyPieces(IReadOnlyList<string> group, PieceStart[] starts, List<List<Piece>> chains)
    {
        if (chains.Count == 0)
        {
            return [[.. group]];
        }
        var before = new Dictionary<int, List<string>>();
        var after = new Dictionary<int, List<string>>();
        for (int i = 0; i < starts.Length; i++)
        {
            if (!starts[i].IsEmpty)
            {
                continue;
            }
            int anchor = Array.FindLastIndex(starts, i, s => !s.IsEmpty);
            Dictionary<int, List<string>> side = anchor >= 0 ? after : before;
            anchor = anchor >= 0 ? anchor : Array.FindIndex(starts, i, s => !s.IsEmpty);
            (side.TryGetValue(anchor, out List<string>? list) ? list : side[anchor] = []).Add(group[i]);
        }
        return [.. chains.Select(c => c.SelectMany(p => (IEnumerable<string>)[
            .. before.GetValueOrDefault(p.NameIndex, []), p.Start.File, .. after.GetValueOrDefault(p.NameIndex, [])]).ToList())];
    }

    private static ParallelOptions Parallelism() => new() { MaxDegreeOfParallelism = Environment.ProcessorCount };
}
