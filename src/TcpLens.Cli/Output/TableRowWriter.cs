using TcpLens.Data.Tables;

namespace TcpLens.Cli.Output;

/// <summary>
/// Aligned columns for a terminal. Rows are buffered in blocks so widths fit the data; a very
/// long output is printed block by block, each block aligned on its own.
/// </summary>
internal sealed class TableRowWriter(TextWriter output, IReadOnlyList<Column> columns) : RowWriter(output, columns)
{
    private const int BlockRows = 5000;
    private readonly List<string[]> _rows = [];
    private bool _headerWritten;

    public override void WriteRow(IReadOnlyList<string> cells)
    {
        _rows.Add([.. cells]);
        if (_rows.Count >= BlockRows)
        {
            FlushBlock();
        }
    }

    public override void Complete()
    {
        FlushBlock();
        base.Complete();
    }

    private void FlushBlock()
    {
        if (_rows.Count == 0 && _headerWritten)
        {
            return;
        }
        var widths = new int[Columns.Count];
        for (int i = 0; i < widths.Length; i++)
        {
            widths[i] = Columns[i].Name.Length;
        }
        foreach (string[] row in _rows)
        {
            for (int i = 0; i < row.Length && i < widths.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }
        if (!_headerWritten)
        {
            WriteLine(Columns.Select(c => c.Name).ToArray(), widths, header: true);
            _headerWritten = true;
        }
        foreach (string[] row in _rows)
        {
            WriteLine(row, widths, header: false);
        }
        _rows.Clear();
    }

    private void WriteLine(string[] cells, int[] widths, bool header)
    {
        for (int i = 0; i < cells.Length; i++)
        {
            bool last = i == cells.Length - 1;
            bool right = !header && Columns[i].Kind != ColumnKind.Text;
            string cell = cells[i];
            if (right)
            {
                Output.Write(cell.PadLeft(widths[i]));
            }
            else
            {
                Output.Write(last ? cell : cell.PadRight(widths[i]));
            }
            if (!last)
            {
                Output.Write("  ");
            }
        }
        Output.Write('\n');
    }
}
