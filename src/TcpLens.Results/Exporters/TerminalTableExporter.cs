namespace TcpLens.Results.Exporters;

/// <summary>
/// Aligned columns for a person at a terminal: numbers right-aligned, two spaces between
/// columns, durations in ms or s. Rows are held in blocks so widths fit the data; a long output
/// is written block by block, each aligned on its own. Given a width, the table fits it: text
/// columns too wide are narrowed, their long cells shortened with "…" (the terminal only: CSV and
/// JSON keep every character).
/// </summary>
public sealed class TerminalTableExporter(TextWriter output, CellFormat? format = null, int width = 0) : ITableExporter
{
    private const int BlockRows = 5000;
    private const int NarrowestText = 8;
    private readonly CellFormat _format = format ?? CellFormat.Default;
    private readonly List<string[]> _rows = [];
    private IReadOnlyList<ColumnInfo> _columns = [];
    private bool _headerWritten;

    /// <inheritdoc/>
    public void Begin(IReadOnlyList<ColumnInfo> columns)
    {
        _columns = columns ?? throw new ArgumentNullException(nameof(columns));
        _headerWritten = false;
    }

    /// <inheritdoc/>
    public void Row(ReadOnlySpan<Cell> cells)
    {
        var row = new string[cells.Length];
        for (int i = 0; i < cells.Length; i++)
        {
            row[i] = HumanText.Format(cells[i], _format);
        }
        _rows.Add(row);
        if (_rows.Count >= BlockRows)
        {
            FlushBlock();
        }
    }

    /// <inheritdoc/>
    public void Complete()
    {
        FlushBlock();
        output.Flush();
    }

    private void FlushBlock()
    {
        if (_rows.Count == 0 && _headerWritten)
        {
            return;
        }
        var widths = new int[_columns.Count];
        for (int i = 0; i < widths.Length; i++)
        {
            widths[i] = _columns[i].Header.Length;
        }
        foreach (string[] row in _rows)
        {
            for (int i = 0; i < row.Length && i < widths.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }
        Fit(widths);
        if (!_headerWritten)
        {
            WriteLine([.. _columns.Select(c => c.Header)], widths, header: true);
            _headerWritten = true;
        }
        foreach (string[] row in _rows)
        {
            WriteLine(row, widths, header: false);
        }
        _rows.Clear();
    }

    // Narrows the widest text column, one character at a time, until the table fits (numbers are
    // never cut; a table of numbers wider than the terminal wraps there).
    private void Fit(int[] widths)
    {
        if (width <= 0)
        {
            return;
        }
        int total = widths.Sum() + 2 * Math.Max(0, widths.Length - 1);
        while (total > width)
        {
            int widest = -1;
            for (int i = 0; i < widths.Length; i++)
            {
                if (!_columns[i].IsNumeric && widths[i] > Math.Max(NarrowestText, _columns[i].Header.Length) && (widest < 0 || widths[i] > widths[widest]))
                {
                    widest = i;
                }
            }
            if (widest < 0)
            {
                return;
            }
            widths[widest]--;
            total--;
        }
    }

    private void WriteLine(string[] cells, int[] widths, bool header)
    {
        for (int i = 0; i < cells.Length; i++)
        {
            bool last = i == cells.Length - 1;
            bool right = !header && _columns[i].IsNumeric;
            string cell = cells[i].Length > widths[i] ? cells[i][..(widths[i] - 1)] + "…" : cells[i];
            output.Write(right ? cell.PadLeft(widths[i]) : last ? cell : cell.PadRight(widths[i]));
            if (!last)
            {
                output.Write("  ");
            }
        }
        output.Write('\n');
    }

    /// <summary>Writes what is held.</summary>
    public void Dispose() => FlushBlock();
}
