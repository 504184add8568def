namespace TcpLens.Data.Query;

/// <summary>SQL string literals for text that goes into generated SQL (a query, a field name).</summary>
internal static class SqlLiteral
{
    /// <summary><paramref name="text"/> as a DuckDB string literal: quoted, inner quotes doubled (DuckDB's plain strings know no backslash escapes).</summary>
    public static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
