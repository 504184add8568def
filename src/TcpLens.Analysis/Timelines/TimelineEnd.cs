using TcpLens.Capture;

namespace TcpLens.Analysis.Timelines;

/// <summary>How the reading of one timeline went, known once all of it has been read.</summary>
/// <param name="Timeline">Its index in the plan.</param>
/// <param name="Files">The files read (a file that could not be opened is left out and named in <paramref name="Errors"/>).</param>
/// <param name="Errors">Problems that stopped reading a file early, in file order.</param>
/// <param name="FramesRead">Frames read from the timeline (all protocols).</param>
/// <param name="OpenFailure">Why the timeline's first file could not be read as a capture at all (one line), or null.</param>
public sealed record TimelineEnd(int Timeline, IReadOnlyList<string> Files, IReadOnlyList<CaptureError> Errors, long FramesRead, string? OpenFailure)
{
    /// <summary>Nothing useful could be read: the first file was not a capture, or no frame was read before an error.</summary>
    public bool NothingRead => OpenFailure is not null || (FramesRead == 0 && Errors.Count > 0);
}
