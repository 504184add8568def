using System.Text;

namespace TcpLens.Results.Exporters;

/// <summary>
/// CSV (RFC 4180): a header line, then one line per row; a field is quoted only when it must be.
/// Cells are formatted straight into a UTF-8 buffer that goes to the stream in large writes: no
/// string per cell.
/// </summary>
public sealed class CsvExporter(Stream output, CellFormat? format = null) : ITableExporter
{
    private const int FlushAt = 1 << 16;
    private readonly CellFormat _format = format ?? CellFormat.Default;
    private byte[] _buffer = new byte[FlushAt + CellText.MaxFormatted * 4];
    private int _used;

    /// <inheritdoc/>
    public void Begin(IReadOnlyList<ColumnInfo> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        for (int i = 0; i < columns.Count; i++)
        {
            if (i > 0)
            {
                Put((byte)',');
            }
            Field(Cell.Text(columns[i].Name));
        }
        Put((byte)'\n');
    }

    /// <inheritdoc/>
    public void Row(ReadOnlySpan<Cell> cells)
    {
        for (int i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                Put((byte)',');
            }
            Field(cells[i]);
        }
        Put((byte)'\n');
        if (_used >= FlushAt)
        {
            Flush();
        }
    }

    /// <inheritdoc/>
    public void Complete()
    {
        Flush();
        output.Flush();
    }

    private void Field(in Cell cell)
    {
        if (!cell.HasValue)
        {
            return;
        }
        if (cell.Kind is ValueKind.Text or ValueKind.List)
        {
            Text(CellText.Format(cell, _format));
            return;
        }
        Room(CellText.MaxFormatted * 4);
        if (!CellText.TryFormatUtf8(cell, _buffer.AsSpan(_used), out int n, _format))
        {
            Text(CellText.Format(cell, _format));
            return;
        }
        if (_buffer.AsSpan(_used, n).IndexOfAny((byte)',', (byte)'"', (byte)'\n') >= 0)
        {
            Text(Encoding.UTF8.GetString(_buffer, _used, n)); // flags or text-like values that need quoting
            return;
        }
        _used += n;
    }

    private void Text(string value)
    {
        bool quote = value.AsSpan().IndexOfAny(",\"\n\r") >= 0;
        if (quote)
        {
            value = "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        }
        Room(Encoding.UTF8.GetMaxByteCount(value.Length));
        _used += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_used));
    }

    private void Put(byte b)
    {
        Room(1);
        _buffer[_used++] = b;
    }

    private void Room(int bytes)
    {
        if (_used + bytes <= _buffer.Length)
        {
            return;
        }
        Flush();
        if (bytes > _buffer.Length)
        {
            _buffer = new byte[bytes];
        }
    }

    private void Flush()
    {
        if (_used > 0)
        {
            output.Write(_buffer, 0, _used);
            _used = 0;
        }
    }

    /// <summary>Writes what is buffered.</summary>
    public void Dispose() => Flush();
}
