using TcpLens.Capture.Files;

namespace TcpLens.Capture.Timelines;

/// <summary>
/// Capture files grouped into timelines, with what was decided about files named like pieces of
/// one rotation: tools show <see cref="Notes"/> to their users, because joining files changes
/// the stream numbers (they count across the pieces, as in Wireshark on the merged file).
/// </summary>
/// <param name="Timelines">The timelines, in the order of their first file among the files given.</param>
/// <param name="Notes">One note per set of files of one folder whose names differ only in digits (two or more files).</param>
public sealed record TimelinePlan(IReadOnlyList<CaptureTimeline> Timelines, IReadOnlyList<RotationNote> Notes)
{
    /// <summary>
    /// Splits <paramref name="files"/> into timelines. Files in the same folder whose names are
    /// equal once digits are removed may be one rotation (<c>cap.pcap</c>, <c>cap.pcap1</c>;
    /// <c>ring_00001_20261124101500.pcapng</c>, <c>ring_00002_…</c>; <c>trace-10:00.pcap</c>): they are
    /// taken in the order of their first frames (then by name, numbers compared as numbers), and
    /// pieces that follow each other in time are one timeline (<see cref="RotationOptions"/>);
    /// pieces that overlap or lie far apart are separate timelines. When a piece has no readable
    /// first frame, its set is one timeline in name order. Every other file is a timeline of its
    /// own, and so is standard input (<c>-</c>) or a pipe, which can be read only once. The result
    /// depends only on names and frames, never on timing.
    /// </summary>
    public static TimelinePlan Make(IReadOnlyList<string> files, RotationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        options ??= RotationOptions.Default;
        var groups = new List<List<string>>();
        var byStem = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < files.Count; i++)
        {
            string file = files[i];
            if (!firstIndex.TryAdd(file, i))
            {
                continue;
            }
            // standard input and pipes (<(...), a FIFO) can be read once: never peeked at to join them
            string key = StandardInput.Is(file) || FileIdentity.Of(file).Kind is FileKind.Pipe or FileKind.Device
                ? "\0" + file
                : CaptureTimeline.RotationKey(file);
            if (!byStem.TryGetValue(key, out List<string>? group))
            {
                byStem[key] = group = [];
                groups.Add(group);
            }
            group.Add(file);
        }
        var timelines = new List<List<string>>();
        var notes = new List<RotationNote>();
        foreach (List<string> group in groups)
        {
            if (group.Count == 1)
            {
                timelines.Add(group);
                continue;
            }
            (List<List<string>> split, RotationNote note) = RotationSplitter.Split([.. group.Order(NaturalNameComparer.Instance)], options);
            timelines.AddRange(split);
            notes.Add(note);
        }
        // files come out in the order given: a timeline goes where its earliest-given file was
        return new TimelinePlan([.. timelines.OrderBy(t => t.Min(f => firstIndex[f])).Select(t => new CaptureTimeline(t))], notes);
    }
}
