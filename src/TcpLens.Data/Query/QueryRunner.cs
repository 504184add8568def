using System.Data.Common;
using System.Text;
using DuckDB.NET.Data;

namespace TcpLens.Data.Query;

/// <summary>
/// Runs a user's SQL and has DuckDB itself write the values: one query is run as
/// <c>SELECT CAST(c AS VARCHAR), ... FROM query('...')</c>, which gives exactly the text
/// DuckDB's CLI prints (its renderer casts every column to VARCHAR), or with an expression
/// per column that builds JSON from the typed value (<see cref="JsonExpression"/>). The
/// column types come from <c>DESCRIBE</c> of the same query, which binds it without running it.
/// Other statements (PRAGMA, EXPLAIN, CALL, several statements at once, or SQL that DuckDB
/// rejects) run as written, so DuckDB's message about a bad query is about the user's own text.
/// </summary>
public static class QueryRunner
{
    /// <summary>Starts <paramref name="sql"/> on <paramref name="connection"/>; throws <see cref="QueryException"/> when DuckDB rejects it.</summary>
    public static QueryResult Run(DuckDBConnection connection, string sql, ValueForm form)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(sql);
        string source = $"query({SqlLiteral.Quote(sql)})";
        List<QueryColumn>? columns = Describe(connection, sql, source);
        if (columns is null)
        {
            return RunAsWritten(connection, sql, form);
        }
        var select = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.Count; i++)
        {
            select.Append(i > 0 ? ", " : "").Append(form == ValueForm.Json ? JsonExpression.For(columns[i].Type, $"c{i}") : $"CAST(c{i} AS VARCHAR)");
        }
        // the alias list names the columns apart: a query may give two columns one name
        select.Append(" FROM ").Append(source).Append(" AS q(").AppendJoin(", ", columns.Select((_, i) => $"c{i}")).Append(')');
        Func<DbDataReader, int, string?> cell = form == ValueForm.Display
            ? (reader, i) => reader.IsDBNull(i) ? null : ControlCharacters.Escape(reader.GetString(i))
            : (reader, i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        return Start(connection, select.ToString(), reader => columns, renderedByDuckDB: true, cell);
    }

    // The names and types of the query's columns, or null when it is not one query DuckDB accepts.
    private static List<QueryColumn>? Describe(DuckDBConnection connection, string sql, string source)
    {
        List<(string Name, string Type)>? described = TryDescribe(connection, $"SELECT * FROM {source}");
        if (described is null || described.Count == 0)
        {
            return null;
        }
        // SELECT * over query() renames repeated names (a, a_1); the query's own DESCRIBE keeps
        // them. It runs only once query() has found one statement, so nothing else can follow.
        List<(string Name, string Type)>? own = TryDescribe(connection, sql);
        List<(string Name, string Type)> names = own is not null && own.Count == described.Count ? own : described;
        return [.. described.Select((column, i) => new QueryColumn(names[i].Name, SqlTypeParser.Parse(column.Type)))];
    }

    private static List<(string Name, string Type)>? TryDescribe(DuckDBConnection connection, string query)
    {
        try
        {
            using DuckDBCommand command = connection.CreateCommand();
            command.CommandText = "DESCRIBE " + query;
            using DbDataReader reader = command.ExecuteReader();
            var columns = new List<(string, string)>();
            while (reader.Read())
            {
                columns.Add((reader.GetString(0), reader.GetString(1)));
            }
            return columns;
        }
        catch (DuckDBException)
        {
            return null;
        }
    }

    private static QueryResult RunAsWritten(DuckDBConnection connection, string sql, ValueForm form) =>
        Start(connection, sql, reader => Enumerable.Range(0, reader.FieldCount).Select(i => new QueryColumn(reader.GetName(i), ClrValueText.TypeOf(reader.GetFieldType(i)))).ToList(),
            renderedByDuckDB: false, (reader, i) => reader.IsDBNull(i) ? null : ClrValueText.Format(reader.GetValue(i), form));

    private static QueryResult Start(DuckDBConnection connection, string sql, Func<DbDataReader, IReadOnlyList<QueryColumn>> columns, bool renderedByDuckDB, Func<DbDataReader, int, string?> cell)
    {
        DuckDBCommand command = connection.CreateCommand();
        DbDataReader? reader = null;
        try
        {
            command.CommandText = sql;
            // rows are fetched as they are written, not all held in memory first
            command.UseStreamingMode = true;
            reader = command.ExecuteReader();
            return new QueryResult(command, reader, columns(reader), renderedByDuckDB, cell);
        }
        catch (Exception e) when (e is DuckDBException or InvalidOperationException or ArgumentException or NotSupportedException)
        {
            // DuckDB's error; DuckDB.NET's for parameters never given (?, $1) or a column type it cannot read
            reader?.Dispose();
            command.Dispose();
            throw QueryException.From(e);
        }
    }
}
