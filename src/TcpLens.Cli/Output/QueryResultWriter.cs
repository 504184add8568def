using TcpLens.Data.Query;
using TcpLens.Data.Tables;

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

    /// <summary>Writes every row of <paramref name="result"/>, read in <see cref="FormFor"/>(<paramref name="format"/>).</summary>
    public static void Write(QueryResult result, OutputFormat format, TextWriter output)
    {
        if (format == OutputFormat.Json)
        {
            QueryJsonWriter.Write(result, output);
            return;
        }
        Column[] columns = [.. result.Columns.Select(c => new Column(c.Name, c.Kind))];
        using RowWriter rows = RowWriter.Create(format, output, columns);
        var cells = new string[columns.Length];
        while (result.Read())
        {
            for (int i = 0; i < cells.Length; i++)
            {
                cells[i] = result[i] ?? "";
            }
            rows.WriteRow(cells);
        }
        rows.Complete();
    }
}
