using System.Text;

namespace TcpLens.Plots.Report.Html;

/// <summary>
/// A table the page's script makes sortable by clicking a heading: numeric columns carry their
/// raw values in <c>data-v</c> so "1 234" and "0.010" sort as numbers. Rows may carry
/// attributes (<c>data-stream</c>) that tests and links use.
/// </summary>
internal sealed class SortableTable(string id, IReadOnlyList<TableColumn> columns)
{
    private readonly List<(string Attributes, Cell[] Cells)> _rows = [];
    private readonly List<Cell[]> _footer = [];

    public int Rows => _rows.Count;

    /// <summary>Adds a row; <paramref name="attributes"/> is raw HTML for the &lt;tr&gt; (values escaped by the caller).</summary>
    public void Add(Cell[] cells, string attributes = "")
    {
        if (cells.Length != columns.Count)
        {
            throw new ArgumentException($"table {id}: {cells.Length} cells for {columns.Count} columns", nameof(cells));
        }
        _rows.Add((attributes, cells));
    }

    /// <summary>Adds a footer row (totals): it stays at the bottom when the body is sorted.</summary>
    public void AddFooter(Cell[] cells) => _footer.Add(cells);

    public void Write(StringBuilder html)
    {
        html.Append("<div class=\"table-wrap\"><table class=\"sortable\" id=\"").Append(Text.E(id)).Append("\">\n<thead><tr>");
        foreach (TableColumn c in columns)
        {
            html.Append("<th scope=\"col\"").Append(c.Numeric ? " class=\"num\"" : "");
            if (c.Tooltip is { } tip)
            {
                html.Append(" title=\"").Append(Text.E(tip)).Append('"');
            }
            html.Append('>').Append(Text.E(c.Header)).Append("</th>");
        }
        html.Append("</tr></thead>\n<tbody>\n");
        foreach ((string attributes, Cell[] cells) in _rows)
        {
            html.Append("<tr").Append(attributes.Length > 0 ? " " + attributes : "").Append('>');
            WriteCells(html, cells);
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n");
        if (_footer.Count > 0)
        {
            html.Append("<tfoot>\n");
            foreach (Cell[] cells in _footer)
            {
                html.Append("<tr>");
                WriteCells(html, cells);
                html.Append("</tr>\n");
            }
            html.Append("</tfoot>\n");
        }
        html.Append("</table></div>\n");
    }

    private void WriteCells(StringBuilder html, Cell[] cells)
    {
        for (int i = 0; i < cells.Length; i++)
        {
            Cell cell = cells[i];
            html.Append("<td");
            if (columns[i].Numeric)
            {
                html.Append(" class=\"num\" data-v=\"").Append(cell.SortKey is { } k ? Text.D(k) : "").Append('"');
            }
            if (cell.Title is { } title)
            {
                html.Append(" title=\"").Append(Text.E(title)).Append('"');
            }
            html.Append('>').Append(cell.Html).Append("</td>");
        }
    }
}
