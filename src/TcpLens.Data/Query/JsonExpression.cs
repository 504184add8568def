using System.Text.Encodings.Web;
using System.Text.Json;

namespace TcpLens.Data.Query;

/// <summary>
/// Builds the SQL that makes DuckDB itself write a value as JSON text, walking the value's
/// type: numbers exact as DuckDB prints them (HUGEINT in full, DECIMAL at its scale), NaN and
/// infinities as null, timestamps as ISO 8601 in UTC, BLOBs as base64, lists and arrays as
/// arrays, structs as objects (unnamed ones as arrays), maps as arrays of key/value objects,
/// unions as an object of the member that is set, anything else as a string of DuckDB's own
/// text. DuckDB.NET cannot read every type (UNION, TIME_NS) nor every value exactly (nanosecond
/// timestamps, 38-digit decimals, intervals of months), so the conversion stays inside DuckDB.
/// </summary>
internal static class JsonExpression
{
    /// <summary>SQL of type VARCHAR: the JSON text of <paramref name="value"/>, NULL where it is NULL.</summary>
    /// <param name="type">The value's type.</param>
    /// <param name="value">SQL for the value.</param>
    /// <param name="depth">Nesting depth, which names the lambda variable of each level apart.</param>
    public static string For(SqlType type, string value, int depth = 0)
    {
        string element = $"e{depth}";
        return type.Name switch
        {
            "BOOLEAN" or "DECIMAL" => Text(value),
            _ when type.IsInteger => Text(value),
            "FLOAT" or "DOUBLE" => $"CASE WHEN isfinite({value}) THEN {Text(value)} END",
            "VARCHAR" => $"CAST(to_json({value}) AS VARCHAR)",
            "JSON" => Text(value),
            "BLOB" => $"'\"' || to_base64({value}) || '\"'",
            "TIMESTAMP" or "TIMESTAMP_S" or "TIMESTAMP_MS" or "TIMESTAMP_NS" => Timestamp(value),
            "TIMESTAMP WITH TIME ZONE" => Timestamp($"timezone('UTC', {value})"),
            "LIST" or "ARRAY" =>
                $"'[' || array_to_string(list_transform({value}, lambda {element}: {OrNull(For(type.Members[0].Type, element, depth + 1))}), ',') || ']'",
            "STRUCT" => Struct(type, value, depth),
            "MAP" => "'[' || array_to_string(list_transform(map_entries(" + value + "), lambda " + element + ": '{\"key\":' || "
                + OrNull(For(type.Members[0].Type, $"struct_extract({element}, 'key')", depth + 1)) + " || ',\"value\":' || "
                + OrNull(For(type.Members[1].Type, $"struct_extract({element}, 'value')", depth + 1)) + " || '}'), ',') || ']'",
            "UNION" => Union(type, value, depth),
            _ => $"CAST(to_json({Text(value)}) AS VARCHAR)",
        };
    }

    private static string Text(string value) => $"CAST({value} AS VARCHAR)";

    private static string OrNull(string json) => $"COALESCE({json}, 'null')";

    // DuckDB's text with a T and a Z (2026-11-24T15:00:01.25Z): the digits DuckDB prints, to the
    // nanosecond for TIMESTAMP_NS. Infinities and years before 1 (DuckDB's "(BC)") stay DuckDB's text.
    private static string Timestamp(string value) =>
        $"CASE WHEN isfinite({value}) AND year({value}) > 0 THEN '\"' || replace({Text(value)}, ' ', 'T') || 'Z\"' ELSE CAST(to_json({Text(value)}) AS VARCHAR) END";

    // Named fields make an object in DuckDB's field order; an unnamed struct (row(1, 'a')) an array.
    private static string Struct(SqlType type, string value, int depth)
    {
        bool named = type.Members.All(m => m.Name is not null);
        var parts = new List<string>();
        for (int i = 0; i < type.Members.Count; i++)
        {
            string prefix = (i > 0 ? "," : "") + (named ? Key(type.Members[i].Name!) + ":" : "");
            if (prefix.Length > 0)
            {
                parts.Add(SqlLiteral.Quote(prefix));
            }
            parts.Add(OrNull(For(type.Members[i].Type, $"struct_extract_at({value}, {i + 1})", depth + 1)));
        }
        string open = named ? "'{'" : "'['";
        string close = named ? "'}'" : "']'";
        return $"CASE WHEN {value} IS NOT NULL THEN {open} || {string.Join(" || ", parts)} || {close} END";
    }

    // {"tag": value} for the member that is set, as DuckDB's to_json writes a union.
    private static string Union(SqlType type, string value, int depth)
    {
        var cases = type.Members.Select(m =>
            $"WHEN {SqlLiteral.Quote(m.Name ?? "")} THEN {SqlLiteral.Quote("{" + Key(m.Name ?? "") + ":")} || "
            + $"{OrNull(For(m.Type, $"union_extract({value}, {SqlLiteral.Quote(m.Name ?? "")})", depth + 1))} || '}}'");
        return $"CASE union_tag({value}) {string.Join(" ", cases)} END";
    }

    // a JSON string for an object key; non-ASCII stays as it is, as in the values DuckDB writes
    private static string Key(string name) => "\"" + JsonEncodedText.Encode(name, JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"";
}
