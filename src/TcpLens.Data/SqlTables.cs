using TcpLens.Analysis;
using TcpLens.Analysis.Timelines;
using TcpLens.Results;
using TcpLens.Results.Tables;

namespace TcpLens.Data;

/// <summary>A frame of an SQL load: the packets table's row, with the file it came from and its timeline.</summary>
public readonly struct FilePacket(in AnalyzedPacket packet, string file, string timeline)
{
    /// <summary>The analysed frame.</summary>
    public readonly AnalyzedPacket Packet = packet;

    /// <summary>The file holding it.</summary>
    public readonly string File = file;

    /// <summary>The first file of its timeline.</summary>
    public readonly string Timeline = timeline;
}

/// <summary>A session of an SQL load, with its timeline.</summary>
public sealed record FileSession(TimelineSession Row, string Timeline);

/// <summary>
/// The tables of <c>tcplens sql</c> and <c>tcplens export</c>, from the same definitions as the
/// commands' own tables: packets (the columns of <c>tcplens packets</c>, then file and timeline),
/// sessions (those of <c>tcplens sessions</c>, then timeline) and captures.
/// </summary>
public static class SqlTables
{
    /// <summary>packets.</summary>
    public static Table<FilePacket> Packets { get; } = new("packets", PacketsTable.Table.Description,
    [
        .. PacketsTable.Table.Data.Select(c => new Column<FilePacket>(c.Info, (in FilePacket p) => c.Read(p.Packet))),
        new(new ColumnInfo("file", ValueKind.Text, "the capture file holding the frame (frames count from 1 in each file)", Nullable: false), (in FilePacket p) => Cell.Text(p.File)),
        new(new ColumnInfo("timeline", ValueKind.Text, "the first file of the frame's timeline: stream numbers count within a timeline", Nullable: false), (in FilePacket p) => Cell.Text(p.Timeline)),
    ]);

    /// <summary>sessions.</summary>
    public static Table<FileSession> Sessions { get; } = new("sessions", SessionsTable.Table.Description,
    [
        .. SessionsTable.Table.Data.Select(c => new Column<FileSession>(c.Info, (in FileSession s) => c.Read(s.Row))),
        new(new ColumnInfo("timeline", ValueKind.Text, "the first file of the session's timeline: stream numbers count within a timeline", Nullable: false), (in FileSession s) => Cell.Text(s.Timeline)),
    ]);

    /// <summary>captures.</summary>
    public static Table<CaptureFileRow> Captures => CapturesTable.Table;
}
