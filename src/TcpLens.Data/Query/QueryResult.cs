using System.Data.Common;
using DuckDB.NET.Data;

namespace TcpLens.Data.Query;

/// <summary>
/// The rows of a query run by <see cref="QueryRunner"/>, read one at a time (DuckDB streams
/// them): each cell is the text <see cref="QueryRunner.Run"/> was asked for, or null for a
/// NULL. Failures while reading come as <see cref="QueryException"/>. The rows stream from
/// DuckDB: another command on the same connection ends them, so read them to the end first.
/// </summary>
public sealed class QueryResult : IDisposable
{
    private readonly DuckDBCommand _command;
    private readonly DbDataReader _reader;
    private readonly Func<DbDataReader, int, string?> _cell;

    internal QueryResult(DuckDBCommand command, DbDataReader reader, IReadOnlyList<QueryColumn> columns, bool renderedByDuckDB, Func<DbDataReader, int, string?> cell)
    {
        _command = command;
        _reader = reader;
        _cell = cell;
        Columns = columns;
        RenderedByDuckDB = renderedByDuckDB;
    }

    /// <summary>The result's columns, in order.</summary>
    public IReadOnlyList<QueryColumn> Columns { get; }

    /// <summary>
    /// True when DuckDB wrote the values (one query: SELECT, FROM, WITH, VALUES, DESCRIBE, SHOW,
    /// SUMMARIZE, PIVOT ...); false for other statements (PRAGMA, EXPLAIN, CALL, several
    /// statements), whose values are shown as DuckDB.NET reads them.
    /// </summary>
    public bool RenderedByDuckDB { get; }

    /// <summary>Moves to the next row; false after the last.</summary>
    public bool Read()
    {
        try
        {
            return _reader.Read();
        }
        catch (DuckDBException e)
        {
            throw QueryException.From(e);
        }
    }

    /// <summary>The current row's value in <paramref name="column"/>: text, or null for NULL.</summary>
    public string? this[int column]
    {
        get
        {
            try
            {
                return _cell(_reader, column);
            }
            catch (Exception e) when (e is InvalidCastException or ArgumentException or NotSupportedException or OverflowException or DuckDBException)
            {
                // only for statements read through DuckDB.NET's types, which do not cover every value
                throw new QueryException($"column {Columns[column].Name}: {e.Message}", e);
            }
        }
    }

    /// <summary>Ends the query.</summary>
    public void Dispose()
    {
        _reader.Dispose();
        _command.Dispose();
    }
}
