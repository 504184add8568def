namespace TcpLens.Capture.Timelines;

/// <summary>
/// Capture files that are pieces of one recording (tcpdump <c>-C</c>/<c>-G</c> rotation, dumpcap
/// ring buffers), in the order they were written: read as one timeline, a connection spanning
/// two files is one connection. Files of different timelines are independent captures (another
/// capture point, another day) and can be analysed in parallel.
/// </summary>
/// <param name="Files">The files, oldest first.</param>
public sealed record CaptureTimeline(IReadOnlyList<string> Files)
{
    /// <summary>
    /// Splits <paramref name="files"/> into timelines. Files in the same folder whose names are
    /// equal once digits are removed are one rotation (<c>cap.pcap</c>, <c>cap.pcap1</c>;
    /// <c>ring_00001_20261124101500.pcapng</c>, <c>ring_00002_…</c>; <c>trace-10:00.pcap</c>), ordered
    /// by the time of their first frame and then by name with numbers compared as numbers. Every other file
    /// is a timeline of its own. Timelines come in the order of their first file in
    /// <paramref name="files"/>; the result depends only on names and first frames, never on timing.
    /// </summary>
    public static IReadOnlyList<CaptureTimeline> Plan(IReadOnlyList<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var groups = new List<List<string>>();
        var byStem = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (string file in files)
        {
            string key = RotationKey(file);
            if (!byStem.TryGetValue(key, out List<string>? group))
            {
                byStem[key] = group = [];
                groups.Add(group);
            }
            if (!group.Contains(file, StringComparer.Ordinal))
            {
                group.Add(file);
            }
        }
        var timelines = new List<CaptureTimeline>(groups.Count);
        foreach (List<string> group in groups)
        {
            List<string> ordered = [.. group.Order(NaturalNameComparer.Instance)];
            if (ordered.Count > 1)
            {
                // Time of the first frame decides (a stable sort keeps name order for equal times);
                // when a file cannot be read, names alone decide and the file is reported when analysed.
                Timestamp?[] first = [.. ordered.Select(FirstFrameTime)];
                if (first.All(t => t is not null))
                {
                    ordered = [.. ordered.Select((f, i) => (f, i)).OrderBy(p => first[p.i]!.Value).Select(p => p.f)];
                }
            }
            timelines.Add(new CaptureTimeline(ordered));
        }
        return timelines;
    }

    /// <summary>The folder and the file name without its digits: equal for the pieces of one rotation.</summary>
    public static string RotationKey(string file)
    {
        ArgumentNullException.ThrowIfNull(file);
        string folder = Path.GetDirectoryName(Path.GetFullPath(file)) ?? "";
        string name = Path.GetFileName(file);
        return folder + Path.DirectorySeparatorChar + string.Concat(name.Where(c => !char.IsAsciiDigit(c)));
    }

    /// <summary>The time of the file's first frame, or null when it cannot be read as a capture (or has no frame).</summary>
    public static Timestamp? FirstFrameTime(string file)
    {
        try
        {
            using CaptureReader reader = CaptureReader.Open(file);
            return reader.TryRead(out CaptureFrame frame) ? frame.Time : null;
        }
        catch (Exception e) when (e is CaptureFormatException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
