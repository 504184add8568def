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
    /// Splits <paramref name="files"/> into timelines: pieces of one rotation (names that differ
    /// only in digits, times that follow each other) are one timeline, every other file one of its
    /// own. <see cref="TimelinePlan.Make"/> tells also what was decided and why.
    /// </summary>
    public static IReadOnlyList<CaptureTimeline> Plan(IReadOnlyList<string> files) => TimelinePlan.Make(files).Timelines;

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

    /// <summary>
    /// The time of the file's last frame (in file order), or null when it has none or is not a
    /// capture. Plain pcap and pcapng files are read from their end; compressed ones, and files
    /// whose end cannot be vouched for (cut short, garbage at the end), are read through and end at
    /// their last readable frame. A plain file damaged in its middle but whole at its end gives the
    /// time of its true last frame, past the damage where reading stops.
    /// </summary>
    public static Timestamp? LastFrameTime(string file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return PieceEnd.Read(PieceStart.Read(file), out _);
    }
}
