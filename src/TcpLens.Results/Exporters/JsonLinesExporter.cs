using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using TcpLens.Analysis;

namespace TcpLens.Results.Exporters;

/// <summary>
/// JSON lines: one object per row. Integers, durations, epoch times and decimals are JSON numbers
/// written exactly as their text (never through a double); booleans are true/false; flags are an
/// array of names; absent values are null.
/// </summary>
public sealed class JsonLinesExporter(Stream output, CellFormat? format = null) : ITableExporter
{
    private const int FlushAt = 1 << 16;
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
    private static readonly JsonEncodedText[] FlagNames = [.. AnalysisFlagNames.All.Select(n => JsonEncodedText.Encode(n, Options.Encoder))];
    private readonly CellFormat _format = format ?? CellFormat.Default;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushAt * 2);
    private Utf8JsonWriter? _json;
    private JsonEncodedText[] _names = [];

    /// <inheritdoc/>
    public void Begin(IReadOnlyList<ColumnInfo> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _names = [.. columns.Select(c => JsonEncodedText.Encode(c.Name, Options.Encoder))];
        _json = new Utf8JsonWriter(_buffer, Options);
    }

    /// <inheritdoc/>
    public void Row(ReadOnlySpan<Cell> cells)
    {
        Utf8JsonWriter json = _json ?? throw new InvalidOperationException("Begin was not called");
        json.WriteStartObject();
        Span<char> text = stackalloc char[CellText.MaxFormatted];
        for (int i = 0; i < cells.Length; i++)
        {
            ref readonly Cell c = ref cells[i];
            json.WritePropertyName(_names[i]);
            if (!c.HasValue)
            {
                json.WriteNullValue();
                continue;
            }
            switch (c.Kind)
            {
                case ValueKind.Integer:
                    json.WriteNumberValue(c.AsInteger);
                    break;
                case ValueKind.Boolean:
                    json.WriteBooleanValue(c.AsBoolean);
                    break;
                case ValueKind.Text:
                    json.WriteStringValue(c.AsText);
                    break;
                case ValueKind.List:
                    json.WriteStartArray();
                    foreach (string item in c.AsList)
                    {
                        if (c.IsNumberList)
                        {
                            json.WriteRawValue(item, skipInputValidation: true);
                        }
                        else
                        {
                            json.WriteStringValue(item);
                        }
                    }
                    json.WriteEndArray();
                    break;
                case ValueKind.Flags:
                    json.WriteStartArray();
                    for (int f = 0; f < FlagNames.Length; f++)
                    {
                        if (((int)c.AsFlags & (1 << f)) != 0)
                        {
                            json.WriteStringValue(FlagNames[f]);
                        }
                    }
                    json.WriteEndArray();
                    break;
                default:
                    CellText.TryFormat(c, text, out int n, _format);
                    // times are numbers as epoch or relative seconds, strings as ISO 8601
                    bool number = c.Kind is ValueKind.Seconds or ValueKind.Decimal || (c.Kind == ValueKind.Timestamp && _format.TimesAreNumbers);
                    if (number)
                    {
                        json.WriteRawValue(text[..n], skipInputValidation: true);
                    }
                    else
                    {
                        json.WriteStringValue(text[..n]);
                    }
                    break;
            }
        }
        json.WriteEndObject();
        json.Flush();
        json.Reset();
        _buffer.Write("\n"u8);
        if (_buffer.WrittenCount >= FlushAt)
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

    private void Flush()
    {
        if (_buffer.WrittenCount > 0)
        {
            output.Write(_buffer.WrittenSpan);
            _buffer.ResetWrittenCount();
        }
    }

    /// <summary>Writes what is buffered.</summary>
    public void Dispose()
    {
        Flush();
        _json?.Dispose();
    }
}
