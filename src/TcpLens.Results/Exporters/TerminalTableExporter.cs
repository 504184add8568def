namespace TcpLens.Results.Exporters;

/// <summary>
/// Aligned columns for a person at a terminal: numbers right-aligned, two spaces between
/// columns, durations in ms or s. Rows are held in blocks so widths fit the data; a long output
/// is written block by block, each aligned on its own. Given a width, the table fits it: text
/// columns too wide are narrowed, their long cells shortened with "…" (the terminal only: CSV and
/// JSON keep every character); then one space between columns; then the last columns are left
/// out, and a line at the end names them. Which columns show is settled by the first block.
/// </summary>
public sealed class TerminalTableExporter(TextWriter output, CellFormat? format = null, int width = 0) : ITableExporter
{
    private const int BlockRows = 5000;
    private const int NarrowestText = 8;
    private readonly CellFormat _format = format ?? CellFormat.Default;
    private readonly List<string[]> _rows = [];
    private IReadOnlyList<ColumnInfo> _columns = [];
    private bool _headerWritten;
    private int _shown = -1;     // columns shown (the first ones), once settled
    private int _gap = 2;

    /// <inheritdoc/>
    public void Begin(IReadOnlyList<ColumnInfo> columns)
    {
        _columns = columns ?? throw new ArgumentNullException(nameof(columns));
        _headerWritten = false;
        _shown = -1;
        _gap = 2;
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
        if (_shown >= 0 && _shown < _columns.Count)
        {
            output.Write(ProseWrap.Wrap(HiddenNote([.. _columns.Skip(_shown).Select(c => c.Header)]), width) + "\n");
        }
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

    // The first block settles the layout: all columns with two spaces between them, else with
    // one, else fewer columns from the right; within each, the widest text column is narrowed a
    // character at a time until the table fits (numbers, addresses and flags are never cut). Later blocks keep that
    // layout and only narrow.
    private void Fit(int[] widths)
    {
        if (width <= 0)
        {
            _shown = widths.Length;
            return;
        }
        if (_shown >= 0)
        {
            Narrow(widths, _shown, _gap);
            return;
        }
        int[] natural = [.. widths];
        for (int shown = widths.Length; shown >= 1; shown--)
        {
            foreach (int gap in (int[])[2, 1])
            {
                natural.CopyTo(widths, 0);
                if (Narrow(widths, shown, gap) || shown == 1 && gap == 1)
                {
                    (_shown, _gap) = (shown, gap);
                    return;
                }
            }
        }
    }

    // Narrows text columns among the first <paramref name="shown"/>; true when they then fit.
    private bool Narrow(int[] widths, int shown, int gap)
    {
        while (Total(widths, shown, gap) > width)
        {
            int widest = -1;
            for (int i = 0; i < shown; i++)
            {
                if (Shortenable(_columns[i]) && widths[i] > Math.Max(NarrowestText, _columns[i].Header.Length) && (widest < 0 || widths[i] > widths[widest]))
                {
                    widest = i;
                }
            }
            if (widest < 0)
            {
                return false;
            }
            widths[widest]--;
        }
        return true;
    }

    // "(3 more columns not shown to fit 80 characters: a, b, c; ...)", naming as many as one line holds
    private string HiddenNote(string[] hidden)
    {
        string head = $"({hidden.Length} more column{(hidden.Length == 1 ? "" : "s")} not shown to fit {width} characters: ";
        const string Tail = "; --columns or --format csv shows them)";
        int named = hidden.Length;
        string Names(int n) => string.Join(", ", hidden.Take(n)) + (n < hidden.Length ? $" and {hidden.Length - n} more" : "");
        while (named > 1 && head.Length + Names(named).Length + Tail.Length > width)
        {
            named--;
        }
        return head + Names(named) + Tail;
    }

    // Text and lists read well shortened; a cut number, address or flag set reads wrong.
    private static bool Shortenable(ColumnInfo column) => column.Kind is ValueKind.Text or ValueKind.List;

    private static int Total(int[] widths, int shown, int gap) => widths.Take(shown).Sum() + gap * Math.Max(0, shown - 1);

    private void WriteLine(string[] cells, int[] widths, bool header)
    {
        int shown = Math.Min(cells.Length, _shown);
        for (int i = 0; i < shown; i++)
        {
            bool last = i == shown - 1;
            bool right = !header && _columns[i].IsNumeric;
            string cell = cells[i].Length > widths[i] ? cells[i][..(widths[i] - 1)] + "…" : cells[i];
            output.Write(right ? cell.PadLeft(widths[i]) : last ? cell : cell.PadRight(widths[i]));
            if (!last)
            {
                output.Write(_gap == 1 ? " " : "  ");
            }
        }
        output.Write('\n');
    }

    /// <summary>Writes what is held.</summary>
    public void Dispose() => FlushBlock();
}
