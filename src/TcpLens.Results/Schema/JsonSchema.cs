using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TcpLens.Results.Schema;

/// <summary>
/// The JSON Schema (draft 2020-12) of one line of a table's JSON output, made from the same
/// column definitions the exporters write with, so the two cannot disagree.
/// </summary>
public static class JsonSchema
{
    /// <summary>The schema of a row of <paramref name="table"/> with these columns, as indented JSON.</summary>
    public static string Of(string table, string description, IReadOnlyList<ColumnInfo> columns, CellFormat? format = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        bool timesAreNumbers = (format ?? CellFormat.Default).TimesAreNumbers;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", "https://json-schema.org/draft/2020-12/schema");
            json.WriteString("$id", $"https://tcplens.invalid/schema/{table}.schema.json");
            json.WriteString("title", $"tcplens {table}");
            json.WriteString("description", description + " One JSON object per line.");
            json.WriteString("type", "object");
            json.WriteStartObject("properties");
            foreach (ColumnInfo c in columns)
            {
                json.WriteStartObject(c.Name);
                WriteType(json, c, timesAreNumbers);
                json.WriteString("description", c.Unit is { } unit ? $"{c.Description} ({UnitName(unit)})" : c.Description);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteStartArray("required");
            foreach (ColumnInfo c in columns)
            {
                json.WriteStringValue(c.Name);
            }
            json.WriteEndArray();
            json.WriteBoolean("additionalProperties", false);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteType(Utf8JsonWriter json, ColumnInfo c, bool timesAreNumbers)
    {
        (string type, string? format) = c.Kind switch
        {
            ValueKind.Integer => ("integer", null),
            ValueKind.Seconds or ValueKind.Decimal => ("number", null),
            ValueKind.Timestamp => timesAreNumbers ? ("number", null) : ("string", "date-time"),
            ValueKind.Boolean => ("boolean", null),
            ValueKind.Address => ("string", "ip-address"),
            ValueKind.Flags or ValueKind.List => ("array", null),
            _ => ("string", null),
        };
        json.WriteStartArray("type");
        if (c.IntegerOrLabel)
        {
            json.WriteStringValue("integer");
        }
        json.WriteStringValue(type);
        if (c.Nullable && c.Kind is not (ValueKind.Flags or ValueKind.List))
        {
            json.WriteStringValue("null");
        }
        json.WriteEndArray();
        if (format is not null)
        {
            json.WriteString("format", format);
        }
        if (c.Kind is ValueKind.Flags or ValueKind.List)
        {
            json.WriteStartObject("items");
            json.WriteString("type", c.ListOfIntegers ? "integer" : "string");
            if (c.Kind == ValueKind.Flags)
            {
                json.WriteStartArray("enum");
                foreach (string flag in Analysis.AnalysisFlagNames.All)
                {
                    json.WriteStringValue(flag);
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
    }

    private static string UnitName(string unit) => unit switch
    {
        "s" => "seconds",
        "%" => "percent",
        _ => unit,
    };
}
