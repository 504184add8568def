using TcpLens.Data.Tables;

namespace TcpLens.Cli.Output;

/// <summary>CSV (RFC 4180): header line, then one line per row; fields quoted only when needed.</summary>
internal sealed class CsvRowWriter : RowWriter
{
    public CsvRowWriter(TextWriter output, IReadOnlyList<Column> columns) : base(output, columns)
    {
        for (int i = 0; i < columns.Count; i++)
        {
            if (i > 0)
            {
                output.Write(',');
            }
            WriteField(columns[i].Name);
        }
        output.Write('\n');
    }

    public override void WriteRow(IReadOnlyList<string> cells)
    {
        for (int i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                Output.Write(',');
            }
            WriteField(cells[i]);
        }
        Output.Write('\n');
    }

    private void WriteField(string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\n\r") < 0)
        {
            Output.Write(value);
            return;
        }
        Output.Write('"');
        Output.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        Output.Write('"');
    }
}
