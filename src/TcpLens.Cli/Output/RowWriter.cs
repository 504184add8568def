using TcpLens.Data.Tables;

namespace TcpLens.Cli.Output;

/// <summary>
/// Writes rows of pre-formatted cells. Cells are invariant-culture strings; an empty string
/// stands for "no value" (empty in CSV and tables, null in JSON).
/// </summary>
internal abstract class RowWriter : IDisposable
{
    protected RowWriter(TextWriter output, IReadOnlyList<Column> columns)
    {
        Output = output;
        Columns = columns;
    }

    protected TextWriter Output { get; }

    protected IReadOnlyList<Column> Columns { get; }

    public abstract void WriteRow(IReadOnlyList<string> cells);

    /// <summary>Writes anything buffered (tables align on all rows).</summary>
    public virtual void Complete() => Output.Flush();

    public static RowWriter Create(OutputFormat format, TextWriter output, IReadOnlyList<Column> columns) => format switch
    {
        OutputFormat.Csv => new CsvRowWriter(output, columns),
        OutputFormat.Json => new JsonRowWriter(output, columns),
        _ => new TableRowWriter(output, columns),
    };

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
