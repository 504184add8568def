using TcpLens.Results;
using TcpLens.Results.Exporters;

namespace TcpLens.Cli.Output;

/// <summary>A table being written to a command's destination: open, write rows, commit.</summary>
internal sealed class TableOutput<TRow> : IDisposable
{
    private readonly OutputTarget _target;
    private readonly ITableExporter _exporter;
    private readonly RowWriter<TRow> _rows;

    private TableOutput(OutputTarget target, ITableExporter exporter, RowWriter<TRow> rows)
    {
        _target = target;
        _exporter = exporter;
        _rows = rows;
    }

    /// <summary>Where relative times count from (set it to the capture's first frame).</summary>
    public TimeOrigin? Origin { get; private init; }

    /// <summary>Opens the destination chosen (false after one line when it cannot be written).</summary>
    public static bool TryOpen(Table<TRow> table, RowChoice<TRow> choice, IEnumerable<string> inputs, out TableOutput<TRow>? output)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(choice);
        output = null;
        if (!OutputTarget.TryOpen(choice.File, inputs, out OutputTarget? target))
        {
            return false;
        }
        ITableExporter exporter = Exporters.For(choice.Format, target!, choice.Cells);
        output = new TableOutput<TRow>(target!, exporter, table.Begin(exporter, choice.Columns)) { Origin = choice.Cells.Origin };
        return true;
    }

    /// <summary>Writes one row.</summary>
    public void Write(in TRow row) => _rows.Write(row);

    /// <summary>Ends the table and puts the file in place.</summary>
    public void Commit()
    {
        _rows.Complete();
        _target.Commit();
    }

    /// <summary>Closes; a file not committed is removed.</summary>
    public void Dispose()
    {
        _exporter.Dispose();
        _target.Dispose();
    }
}
