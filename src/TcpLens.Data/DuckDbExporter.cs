using DuckDB.NET.Data;
using TcpLens.Results;
using TcpLens.Results.Exporters;
using ColumnInfo = TcpLens.Results.ColumnInfo;

namespace TcpLens.Data;

/// <summary>
/// Appends rows of any table to a DuckDB table through the Appender API, typed by column kind
/// (<see cref="SqlSchema"/>): integers BIGINT, durations and epoch times exact DECIMAL(19,9)
/// seconds, booleans BOOLEAN, the rest VARCHAR. Repeated text (addresses, flags) is cached. A
/// time or duration outside DECIMAL(19,9) (a damaged file's year 2287 or later) becomes NULL and
/// is counted in <see cref="OutOfRange"/>, never an exception.
/// </summary>
public sealed class DuckDbExporter(DuckDBConnection connection, string table) : ITableExporter
{
    private static readonly Int128 Limit = Int128.Parse("9999999999999999999", System.Globalization.CultureInfo.InvariantCulture); // 19 digits
    private readonly DuckDBAppender _appender = connection.CreateAppender(table);
    private readonly Dictionary<long, string> _texts = [];
    private readonly Dictionary<(ulong, ulong), string> _addresses = [];

    /// <summary>Rows appended.</summary>
    public long Rows { get; private set; }

    /// <summary>Times or durations too large for their column, written as NULL.</summary>
    public long OutOfRange { get; private set; }

    private bool[] _asTimestamp = [];

    /// <inheritdoc/>
    public void Begin(IReadOnlyList<ColumnInfo> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _asTimestamp = [.. columns.Select(c => c.SqlTimestamp)];
    }

    /// <inheritdoc/>
    public void Row(ReadOnlySpan<Cell> cells)
    {
        IDuckDBAppenderRow row = _appender.CreateRow();
        for (int i = 0; i < cells.Length; i++)
        {
            ref readonly Cell c = ref cells[i];
            if (!c.HasValue)
            {
                row.AppendNullValue();
                continue;
            }
            switch (c.Kind)
            {
                case ValueKind.Integer:
                    row.AppendValue(c.AsInteger);
                    break;
                case ValueKind.Seconds:
                    Append(row, c.AsNanoseconds);
                    break;
                case ValueKind.Timestamp when i < _asTimestamp.Length && _asTimestamp[i]:
                    row.AppendValue(c.AsTime.ToDateTimeOffset().UtcDateTime);
                    break;
                case ValueKind.Timestamp:
                    Append(row, c.AsTime.ExactNanoseconds);
                    break;
                case ValueKind.Boolean:
                    row.AppendValue(c.AsBoolean);
                    break;
                case ValueKind.Decimal:
                    row.AppendValue(new decimal(c.Unscaled) / Pow10(c.Scale));
                    break;
                case ValueKind.Address:
                    row.AppendValue(Address(c));
                    break;
                case ValueKind.Flags:
                    row.AppendValue(c.AsFlags == 0 ? null : Cached(c));
                    break;
                default:
                    row.AppendValue(CellText.Format(c));
                    break;
            }
        }
        row.EndRow();
        Rows++;
    }

    // exact: nanoseconds as a decimal with scale 9
    private void Append(IDuckDBAppenderRow row, Int128 ns)
    {
        if (Int128.Abs(ns) > Limit)
        {
            OutOfRange++;
            row.AppendNullValue();
            return;
        }
        Int128 magnitude = Int128.Abs(ns);
        row.AppendValue(new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), (int)(uint)(magnitude >> 64), ns < 0, 9));
    }

    private static decimal Pow10(int n)
    {
        decimal p = 1;
        for (int i = 0; i < n; i++)
        {
            p *= 10;
        }
        return p;
    }

    private string Cached(in Cell c)
    {
        long key = (long)c.AsFlags;
        if (!_texts.TryGetValue(key, out string? text))
        {
            _texts[key] = text = CellText.Format(c);
        }
        return text;
    }

    private string Address(in Cell c)
    {
        Capture.Decoding.NetAddress a = c.AsAddress;
        if (!_addresses.TryGetValue((a.High, a.Low), out string? text))
        {
            if (_addresses.Count > 100_000)
            {
                _addresses.Clear(); // a scan with many addresses: keep the cache bounded
            }
            _addresses[(a.High, a.Low)] = text = CellText.Format(c);
        }
        return text;
    }

    /// <inheritdoc/>
    public void Complete() => _appender.Close();

    /// <summary>Closes the appender (its rows are then in the table).</summary>
    public void Dispose() => _appender.Dispose();
}
