using System.Text;

namespace TcpLens.Results.Schema;

/// <summary>The tables as a Markdown page: each column's name, type in JSON and in SQL terms, unit and meaning.</summary>
public static class TableDocs
{
    /// <summary>docs/tables.md, made from <see cref="Tables.Catalog"/>.</summary>
    public static string Markdown()
    {
        var md = new StringBuilder();
        md.Append("# The tables tcplens writes\n\n");
        md.Append("Made from the column definitions in `src/TcpLens.Results/Tables` by `tcplens schema --format markdown`; do not edit by hand. ");
        md.Append("Every table is written by the same exporters: CSV (header line, RFC 4180), JSON lines (one object per row; ");
        md.Append("`docs/schema/TABLE.schema.json` is each row's JSON Schema) and a terminal table (the `default` column set, durations in ms or s). ");
        md.Append("In JSON, integers, durations, epoch times and decimals are numbers written exactly (never through a double), booleans `true`/`false`, ");
        md.Append("flags and lists arrays, absent values `null`. Times are epoch seconds with nine decimals unless `--time-format iso|local|relative` ");
        md.Append("says otherwise (ISO times are JSON strings). `--columns` takes names, the sets below, or `all`.\n");
        foreach (var t in Tables.Catalog.Tables)
        {
            md.Append(System.Globalization.CultureInfo.InvariantCulture, $"\n## {t.Name}\n\n{t.Description}\n\n");
            md.Append("| column | JSON | unit | meaning |\n|---|---|---|---|\n");
            foreach (ColumnInfo c in t.Columns)
            {
                md.Append(System.Globalization.CultureInfo.InvariantCulture, $"| `{c.Name}` | {JsonType(c)} | {c.Unit ?? ""} | {c.Description.Replace("|", "\\|", StringComparison.Ordinal)} |\n");
            }
            if (t.Sets.Count > 0)
            {
                md.Append("\nColumn sets: ");
                md.Append(string.Join("; ", t.Sets.Where(s => s.Key != "data").Select(s => $"`{s.Key}` ({string.Join(", ", s.Value)})")));
                md.Append(".\n");
            }
        }
        return md.ToString();
    }

    private static string JsonType(ColumnInfo c) => c.Kind switch
    {
        ValueKind.Integer => "integer",
        ValueKind.Seconds => "number (seconds, 9 decimals)",
        ValueKind.Timestamp => "number (epoch seconds) or ISO string",
        ValueKind.Boolean => "boolean",
        ValueKind.Decimal => $"number ({c.Scale} decimals)",
        ValueKind.Address => "string (IP address)",
        ValueKind.Flags => "array of flag names",
        ValueKind.List => c.ListOfIntegers ? "array of integers" : "array of strings",
        _ => c.IntegerOrLabel ? "integer, or a label" : "string",
    } + (c.Nullable && c.Kind is not (ValueKind.Flags or ValueKind.List) ? ", or null" : "");
}
