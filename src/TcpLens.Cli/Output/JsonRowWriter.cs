using System.Text.Encodings.Web;
using System.Text.Json;

using TcpLens.Data.Tables;
namespace TcpLens.Cli.Output;

/// <summary>JSON lines: one object per row, numbers as JSON numbers, empty cells as null.</summary>
internal sealed class JsonRowWriter : RowWriter
{
    private readonly MemoryStream _buffer = new();
    private readonly Utf8JsonWriter _json;
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public JsonRowWriter(TextWriter output, IReadOnlyList<Column> columns) : base(output, columns)
    {
        _json = new Utf8JsonWriter(_buffer, Options);
    }

    public override void WriteRow(IReadOnlyList<string> cells)
    {
        _buffer.SetLength(0);
        _json.Reset(_buffer);
        _json.WriteStartObject();
        for (int i = 0; i < cells.Count; i++)
        {
            string name = Columns[i].Name;
            string value = cells[i];
            if (value.Length == 0)
            {
                _json.WriteNull(name);
            }
            else if (Columns[i].Kind != ColumnKind.Text)
            {
                // Numbers are written as they were formatted, so precision is never lost.
                _json.WritePropertyName(name);
                _json.WriteRawValue(value, skipInputValidation: false);
            }
            else
            {
                _json.WriteString(name, value);
            }
        }
        _json.WriteEndObject();
        _json.Flush();
        Output.Write(System.Text.Encoding.UTF8.GetString(_buffer.GetBuffer(), 0, (int)_buffer.Length));
        Output.Write('\n');
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _json.Dispose();
            _buffer.Dispose();
        }
        base.Dispose(disposing);
    }
}
