namespace TcpLens.Results.Exporters;

/// <summary>
/// Writes tables: CSV, JSON lines, a terminal table, DuckDB or Parquet. One interface for every
/// format (as dotnet-counters' exporters share one), so any table goes to any of them.
/// </summary>
public interface ITableExporter : IDisposable
{
    /// <summary>Starts a table of these columns.</summary>
    void Begin(IReadOnlyList<ColumnInfo> columns);

    /// <summary>Writes one row: a cell per column, in order.</summary>
    void Row(ReadOnlySpan<Cell> cells);

    /// <summary>Ends the table: what is buffered is written.</summary>
    void Complete();
}
