using System.Text;
using TcpLens.Data.Tables;

namespace TcpLens.Data;

/// <summary>
/// The tables tcplens keeps in DuckDB and writes as Parquet (docs/sql.md): <c>packets</c> (the
/// columns of <c>tcplens packets</c> plus <c>file</c>, frames numbered as in their own file),
/// <c>sessions</c> (the columns of <c>tcplens sessions</c>, <c>file</c> being the file of the
/// session's first frame), both with <c>timeline</c> (the first file of the timeline the row
/// belongs to: stream numbers count within a timeline), and <c>captures</c> (one row per input file). Integers are BIGINT,
/// times and durations DECIMAL(19,9) seconds (exact to the nanosecond), the rest VARCHAR;
/// absent values are NULL.
/// </summary>
public static class Schema
{
    /// <summary>The packets table's columns.</summary>
    public static IReadOnlyList<Column> Packets { get; } = [.. PacketRow.Columns, new Column("file"), new Column("timeline")];

    /// <summary>The sessions table's columns.</summary>
    public static IReadOnlyList<Column> Sessions { get; } = [.. SessionRow.Columns, new Column("timeline")];

    /// <summary>The captures table's columns.</summary>
    public static IReadOnlyList<Column> Captures { get; } =
    [
        new("file"), new("size", ColumnKind.Integer), new("modified", ColumnKind.Integer), new("frames", ColumnKind.Integer),
        new("tcp_frames", ColumnKind.Integer), new("sessions", ColumnKind.Integer), new("first", ColumnKind.Decimal),
        new("last", ColumnKind.Decimal), new("error"), new("tcplens_version"), new("timeline"),
    ];

    /// <summary>The ENUM type of the <c>file</c> and <c>timeline</c> columns of a load: the names of its files.</summary>
    public const string FileType = "capture_file";

    /// <summary>CREATE TABLE for <paramref name="table"/>.</summary>
    /// <param name="table">The table's name.</param>
    /// <param name="columns">Its columns.</param>
    /// <param name="fileType">
    /// The type of the <c>file</c> and <c>timeline</c> columns: VARCHAR when null, else an ENUM
    /// of the loaded files (<see cref="FileType"/>), stored as a small number per row instead of
    /// a path, which halves the appender's cost and memory for those columns.
    /// </param>
    public static string Create(string table, IReadOnlyList<Column> columns, string? fileType = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var sql = new StringBuilder($"CREATE TABLE IF NOT EXISTS {table} (");
        for (int i = 0; i < columns.Count; i++)
        {
            string type = fileType is not null && columns[i].Name is "file" or "timeline" ? fileType : SqlType(columns[i].Kind);
            sql.Append(i == 0 ? "" : ", ").Append('"').Append(columns[i].Name).Append("\" ").Append(type);
        }
        return sql.Append(')').ToString();
    }

    /// <summary>CREATE TYPE for the ENUM of <paramref name="files"/> (each once).</summary>
    public static string CreateFileType(IEnumerable<string> files) =>
        $"CREATE TYPE {FileType} AS ENUM ({string.Join(", ", files.Distinct(StringComparer.Ordinal).Select(f => "'" + f.Replace("'", "''", StringComparison.Ordinal) + "'"))})";

    /// <summary>The DuckDB type of a column kind.</summary>
    public static string SqlType(ColumnKind kind) => kind switch
    {
        ColumnKind.Integer => "BIGINT",
        ColumnKind.Decimal => "DECIMAL(19,9)",
        _ => "VARCHAR",
    };
}
