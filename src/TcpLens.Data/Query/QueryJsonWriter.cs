using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TcpLens.Data.Query;

/// <summary>
/// Writes a result read in <see cref="ValueForm.Json"/> as JSON lines: one object per row,
/// the columns in order, each value the JSON DuckDB wrote for it (null for NULL).
/// </summary>
public static class QueryJsonWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes every row of <paramref name="result"/> to <paramref name="output"/>.</summary>
    public static void Write(QueryResult result, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        JsonEncodedText[] names = [.. result.Columns.Select(c => JsonEncodedText.Encode(c.Name, Options.Encoder))];
        var buffer = new ArrayBufferWriter<byte>();
        using var json = new Utf8JsonWriter(buffer, Options);
        while (result.Read())
        {
            buffer.ResetWrittenCount();
            json.Reset(buffer);
            json.WriteStartObject();
            for (int i = 0; i < names.Length; i++)
            {
                json.WritePropertyName(names[i]);
                string? value = result[i];
                if (value is null)
                {
                    json.WriteNullValue();
                }
                else
                {
                    // checked, so that a value DuckDB wrote as invalid JSON (a JSON column holding
                    // NaN) cannot break the line: that one is written as a string instead
                    WriteRaw(json, value);
                }
            }
            json.WriteEndObject();
            json.Flush();
            output.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
            output.Write('\n');
        }
        output.Flush();
    }

    private static void WriteRaw(Utf8JsonWriter json, string value)
    {
        try
        {
            json.WriteRawValue(value, skipInputValidation: false);
        }
        catch (JsonException)
        {
            json.WriteStringValue(value);
        }
    }
}
