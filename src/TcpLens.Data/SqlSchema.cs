using System.Text;
using TcpLens.Results;

namespace TcpLens.Data;

/// <summary>
/// DuckDB's view of the tables (docs/sql.md): a type per column kind. Integers are BIGINT, times
/// and durations DECIMAL(19,9) seconds (exact to the nanosecond), booleans BOOLEAN, percentages
/// DECIMAL at their scale, the rest VARCHAR (flags and lists ';'-separated); absent values are
/// NULL. Each time column also has a TIMESTAMP_NS twin named NAME_ts in the views.
/// </summary>
public static class SqlSchema
{
    /// <summary>The ENUM type of the <c>file</c> and <c>timeline</c> columns of a load: the names of its files.</summary>
    public const string FileType = "capture_file";

    /// <summary>CREATE TABLE for <paramref name="table"/> with <paramref name="columns"/>; file and timeline of type <paramref name="fileType"/> when given.</summary>
    public static string Create(string table, IReadOnlyList<ColumnInfo> columns, string? fileType = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var sql = new StringBuilder($"CREATE TABLE IF NOT EXISTS {table} (");
        for (int i = 0; i < columns.Count; i++)
        {
            string type = fileType is not null && columns[i].Name is "file" or "timeline" ? fileType : Type(columns[i]);
            sql.Append(i == 0 ? "" : ", ").Append('"').Append(columns[i].Name).Append("\" ").Append(type);
        }
        return sql.Append(')').ToString();
    }

    /// <summary>The columns a view adds: a TIMESTAMP_NS for each time column (NULL outside its range, 1677 to 2262).</summary>
    public static string TimestampColumns(IReadOnlyList<ColumnInfo> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var sql = new StringBuilder();
        foreach (ColumnInfo c in columns.Where(c => c.Kind == ValueKind.Timestamp && !c.SqlTimestamp))
        {
            sql.Append(System.Globalization.CultureInfo.InvariantCulture, $", CASE WHEN abs(\"{c.Name}\") < 9223372036 THEN make_timestamp_ns(CAST(\"{c.Name}\" * 1000000000 AS BIGINT)) END AS \"{c.Name}_ts\"");
        }
        return sql.ToString();
    }

    /// <summary>CREATE TYPE for the ENUM of <paramref name="files"/> (each once).</summary>
    public static string CreateFileType(IEnumerable<string> files) =>
        $"CREATE TYPE {FileType} AS ENUM ({string.Join(", ", files.Distinct(StringComparer.Ordinal).Select(f => "'" + f.Replace("'", "''", StringComparison.Ordinal) + "'"))})";

    /// <summary>The DuckDB type of a column.</summary>
    public static string Type(ColumnInfo column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return column.Kind switch
        {
            ValueKind.Timestamp when column.SqlTimestamp => "TIMESTAMP",
            ValueKind.Integer => "BIGINT",
            ValueKind.Seconds or ValueKind.Timestamp => "DECIMAL(19,9)",
            ValueKind.Boolean => "BOOLEAN",
            ValueKind.Decimal => $"DECIMAL(18,{column.Scale})",
            _ => "VARCHAR",
        };
    }
}
