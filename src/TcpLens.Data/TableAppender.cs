using System.Globalization;
using DuckDB.NET.Data;
using TcpLens.Data.Tables;

namespace TcpLens.Data;

/// <summary>Appends rows of text cells (the CLI's own formatting) to a DuckDB table with the Appender API, typed by column.</summary>
internal sealed class TableAppender(DuckDBConnection connection, string table, IReadOnlyList<Column> columns) : IDisposable
{
    private readonly DuckDBAppender _appender = connection.CreateAppender(table);

    public long Rows { get; private set; }

    public void Append(IReadOnlyList<string> cells)
    {
        IDuckDBAppenderRow row = _appender.CreateRow();
        for (int i = 0; i < columns.Count; i++)
        {
            string cell = cells[i];
            if (cell.Length == 0)
            {
                row.AppendNullValue();
                continue;
            }
            switch (columns[i].Kind)
            {
                case ColumnKind.Integer:
                    row.AppendValue(long.Parse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
                    break;
                case ColumnKind.Decimal:
                    row.AppendValue(decimal.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture));
                    break;
                default:
                    row.AppendValue(cell);
                    break;
            }
        }
        row.EndRow();
        Rows++;
    }

    public void Dispose() => _appender.Dispose();
}
