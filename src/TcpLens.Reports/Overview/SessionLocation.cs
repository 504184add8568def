using TcpLens.Capture;

namespace TcpLens.Reports.Overview;

/// <summary>
/// Where a session's first and last frames sit when the capture is several files: each file
/// opened alone in Wireshark numbers its frames from 1 and its streams from 0, so the
/// timeline's numbers do not apply there; these do.
/// </summary>
/// <param name="FirstFile">Index in the file list of the file holding the first frame.</param>
/// <param name="FirstFrameInFile">The first frame's number within that file.</param>
/// <param name="LastFile">Index of the file holding the last frame.</param>
/// <param name="LastFrameInFile">The last frame's number within that file.</param>
public readonly record struct SessionLocation(int FirstFile, long FirstFrameInFile, int LastFile, long LastFrameInFile)
{
    /// <summary>Locates frames <paramref name="first"/> to <paramref name="last"/> (timeline numbers) in the files of <paramref name="reader"/>.</summary>
    public static SessionLocation Of(CaptureReader reader, long first, long last)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new(reader.FileIndexOf(first), reader.FrameInFile(first), reader.FileIndexOf(last), reader.FrameInFile(last));
    }
}
