using TcpLens.Data.Query;
using TcpLens.Results;
using TcpLens.Results.Exporters;

namespace TcpLens.Cli.Output;

/// <summary>Prints the result of <c>tcplens sql</c>: JSON lines as DuckDB wrote them, or table and CSV rows of DuckDB's text (NULL as an empty cell).</summary>
internal static class QueryResultWriter
{
    /// <summary>The form of values <paramref name="format"/> prints.</summary>
    public static ValueForm FormFor(OutputFormat format) => format switch
    {
        OutputFormat.Json => ValueForm.Json,
        OutputFormat.Csv => ValueForm.Text,
        _ => ValueForm.Display,
    };

    /// <summary>Writes every row of <paramref name="result"/>, read in <see cref="FormFor"/>(<paramref name="format"/>), to <paramref name="target"/>.</summary>
    public static void Write(QueryResult result, OutputFormat format, OutputTarget target)
    {
        if (format == OutputFormat.Json)
        {
            QueryJsonWriter.Write(result, target.Writer);
            target.Writer.Flush();
            return;
        }
        // DuckDB's own text in every cell; the column's kind only aligns numbers to the right
        ColumnInfo[] columns = [.. result.Columns.Select(c => new ColumnInfo(c.Name, c.Kind, c.Type.ToString() ?? ""))];
        using ITableExporter exporter = Exporters.For(format, target, CellFormat.Default);
        exporter.Begin(columns);
        var cells = new Cell[columns.Length];
        while (result.Read())
        {
            for (int i = 0; i < cells.Length; i++)
            {
                cells[i] = Cell.Text(result[i]);
            }
            exporter.Row(cells);
        }
        exporter.Complete();
    }
}
