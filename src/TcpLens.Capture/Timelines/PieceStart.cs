namespace TcpLens.Capture.Timelines;

/// <summary>
/// How a candidate piece of a rotation begins: the time and byte offset of its first frame, or
/// why it has none (empty, or not readable as a capture up to a first frame).
/// </summary>
/// <param name="File">The file.</param>
/// <param name="First">Time of the first frame; null when there is none.</param>
/// <param name="FirstOffset">Byte offset of the first frame's record in the (decompressed) file.</param>
/// <param name="Format">The file's format, when it opened.</param>
/// <param name="Problem">Why the file gives no first frame time (null for an empty but readable file).</param>
/// <param name="Recording">How the file was written, as far as a rotation keeps it from piece to piece (see <see cref="RecordingOf"/>).</param>
internal sealed record PieceStart(string File, Timestamp? First, long FirstOffset, CaptureFormat? Format, string? Problem, string Recording = "")
{
    /// <summary>A readable capture without a single frame (a ring-buffer file of a quiet interval).</summary>
    public bool IsEmpty => First is null && Problem is null;

    /// <summary>Reads the file up to its first frame; never throws for a bad file.</summary>
    public static PieceStart Read(string file)
    {
        try
        {
            using CaptureReader reader = CaptureReader.Open(file);
            if (reader.TryRead(out CaptureFrame frame))
            {
                return frame.HasTime
                    ? new PieceStart(file, frame.Time, frame.FileOffset, reader.Format, null, RecordingOf(reader))
                    : new PieceStart(file, null, frame.FileOffset, reader.Format, $"{file}: its frames carry no timestamps");
            }
            return reader.Error is { } error
                ? new PieceStart(file, null, 0, reader.Format, error.ToString())
                : new PieceStart(file, null, 0, reader.Format, null);
        }
        catch (CaptureFormatException e)
        {
            return new PieceStart(file, null, 0, null, e.Message);
        }
    }

    /// <summary>
    /// The container, byte order and time unit, and each interface's link type, snap length, time
    /// resolution and name: a rotation writes every piece with the same header (tcpdump -C, dumpcap
    /// -b and editcap -c copy it), so pieces that differ here are not one recording. Compression is
    /// left out: tcpdump -z compresses the pieces already closed, not the one being written.
    /// </summary>
    public static string RecordingOf(CaptureReader reader) =>
        (reader.Format with { Compression = CaptureCompression.None }) + ", " + string.Join(" + ", reader.Interfaces.Select(i =>
            $"{LinkTypeNames.ShortName(i.LinkType)} snap length {i.SnapLength}"
            + (i.TicksPerSecond switch { 1_000_000 => "", 1_000_000_000 => " ns", long n => $" {n} ticks/s" })
            + (i.Name is { Length: > 0 } name ? $" on {name}" : "")));
}
