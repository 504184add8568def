using TcpLens.Capture;
using C = TcpLens.Results.Columns<TcpLens.Results.Tables.CaptureFileRow>;

namespace TcpLens.Results.Tables;

/// <summary>One input file of an SQL load: what it is and what was read from it.</summary>
public sealed record CaptureFileRow(
    string File,
    long Size,
    DateTime? Modified,
    long? Frames,
    long? TcpFrames,
    long Sessions,
    Timestamp? First,
    Timestamp? Last,
    string? Error,
    string TcplensVersion,
    string Timeline);

/// <summary>The captures table of <c>tcplens sql</c>: one row per input file.</summary>
public static class CapturesTable
{
    /// <summary>The table.</summary>
    public static Table<CaptureFileRow> Table { get; } = new("captures", "One input file of the SQL tables.",
    [
        C.Text("file", "the file as named", r => r.File),
        C.Integer("size", "its size when it was read", r => r.Size, "bytes"),
        new(new ColumnInfo("modified", ValueKind.Timestamp, "its modification time when it was read (UTC; a TIMESTAMP in SQL)", "s") { SqlTimestamp = true },
            (in CaptureFileRow r) => Cell.Time(r.Modified is { } m ? Timestamp.FromDateTime(m) : null)),
        C.Integer("frames", "frames read (every record)", r => r.Frames, "frames"),
        C.Integer("tcp_frames", "TCP frames read", r => r.TcpFrames, "frames"),
        C.Integer("sessions", "sessions whose first frame is in this file", r => r.Sessions),
        C.Time("first", "time of its first TCP frame", r => r.First),
        C.Time("last", "time of its last TCP frame", r => r.Last),
        C.Text("error", "why reading stopped early, or why it could not be read", r => r.Error),
        C.Text("tcplens_version", "the tcplens that loaded it ('sessions-only' when the packets were not loaded)", r => r.TcplensVersion),
        C.Text("timeline", "the first file of its timeline: stream numbers count within a timeline", r => r.Timeline),
    ]);
}
