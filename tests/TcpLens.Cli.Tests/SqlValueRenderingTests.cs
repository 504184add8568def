using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;
using TcpLens.Data;
using TcpLens.Data.Tests.Query;

namespace TcpLens.Cli.Tests;

/// <summary>
/// tcplens sql prints every DuckDB type as DuckDB's CLI does (table, CSV) and as typed JSON.
/// The oracle is DuckDB's own CAST(... AS VARCHAR), computed here in the test process, which is
/// what DuckDB's CLI renderers print.
/// </summary>
public class SqlValueRenderingTests
{
    private static readonly string Lossy = Path.Combine(TestFiles.TestData, "lossy.pcap");

    // DuckDB's text of each SQL expression, over the tables of lossy.pcap; "" for NULL
    private static string[] DuckDBTexts(IEnumerable<string> expressions, string from = "")
    {
        using CaptureDatabase db = CaptureDatabase.Open();
        db.Load([Lossy]);
        return [.. expressions.Select(sql =>
        {
            using DuckDBCommand cmd = db.Connection.CreateCommand();
            cmd.CommandText = $"SELECT CAST(({sql}) AS VARCHAR) {from}";
            return cmd.ExecuteScalar() as string ?? "";
        })];
    }

    // RFC 4180 fields of the CSV lines
    private static List<List<string>> ParseCsv(string csv)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < csv.Length; i++)
        {
            char c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                field.Append(c);
            }
        }
        return rows;
    }

    [Fact]
    public void Csv_prints_every_type_as_duckdbs_text()
    {
        CliResult r = CliRunner.Run("sql", "--format", "csv", Lossy, DuckDBTypeMatrix.Select + ", 'two' || chr(10) || 'lines' AS newline");

        Assert.Equal(0, r.ExitCode);
        List<List<string>> rows = ParseCsv(r.StdOut);
        Assert.Equal(2, rows.Count);
        Assert.Equal([.. DuckDBTypeMatrix.Entries.Select(e => e.Column), "newline"], rows[0]);
        string[] expected = DuckDBTexts(DuckDBTypeMatrix.Entries.Select(e => e.Sql));
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(expected[i] == rows[1][i], $"{rows[0][i]}: '{rows[1][i]}' is not DuckDB's '{expected[i]}'");
        }
        Assert.Equal("two\nlines", rows[1][^1]); // CSV carries the text as it is
    }

    [Fact]
    public void The_table_prints_every_type_as_duckdbs_text_in_aligned_columns()
    {
        CliResult r = CliRunner.Run("sql", Lossy, DuckDBTypeMatrix.Select);

        Assert.Equal(0, r.ExitCode);
        string[] lines = r.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        string[] names = [.. DuckDBTypeMatrix.Entries.Select(e => e.Column)];
        string[] expected = DuckDBTexts(DuckDBTypeMatrix.Entries.Select(e => e.Sql));
        // each column is as wide as its widest cell, two spaces apart, whatever its alignment
        int start = 0;
        for (int i = 0; i < names.Length; i++)
        {
            int width = Math.Max(names[i].Length, expected[i].Length);
            string Cell(string line) => line.Substring(start, Math.Min(width, line.Length - start)).Trim();
            Assert.Equal(names[i], Cell(lines[0]));
            Assert.True(expected[i] == Cell(lines[1]), $"{names[i]}: '{Cell(lines[1])}' is not DuckDB's '{expected[i]}'");
            start += width + 2;
        }
    }

    [Fact]
    public void The_table_right_aligns_numbers_and_keeps_rows_on_one_line()
    {
        CliResult r = CliRunner.Run("sql", Lossy, "SELECT 1.50::DECIMAL(5,2) AS a_decimal_column, 'x' || chr(10) || 'y' AS text, 7::HUGEINT AS h");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal(["a_decimal_column  text  h", "            1.50  x\\ny  7"], r.OutLines);
    }

    [Fact]
    public void The_measured_cases_print_as_duckdb_does()
    {
        string[] columns = ["list(DISTINCT stream)", "to_timestamp(min(time))", "max(time) > min(time)", "to_timestamp(max(time)) - to_timestamp(min(time))", "{'frames': count(*), 'first': min(frame)}"];
        string query = "SELECT " + string.Join(", ", columns.Select((c, i) => $"{c} AS c{i}")) + " FROM packets";

        CliResult table = CliRunner.Run("sql", "--format", "csv", Lossy, query);

        Assert.Equal(0, table.ExitCode);
        string[] expected = DuckDBTexts(columns, "FROM packets");
        Assert.Equal(string.Join(',', expected.Select(e => e.Contains(',', StringComparison.Ordinal) ? $"\"{e}\"" : e)), table.OutLines[1]);
        Assert.Equal("[0]", expected[0]);
        Assert.Equal("true", expected[2]);
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+[+-]\d\d", expected[1]); // fraction and the session zone's offset
    }

    [Fact]
    public void Json_writes_every_type_typed()
    {
        CliResult r = CliRunner.Run("sql", "--format", "json", Lossy, DuckDBTypeMatrix.Select);

        Assert.Equal(0, r.ExitCode);
        using JsonDocument row = JsonDocument.Parse(Assert.Single(r.OutLines));
        foreach (DuckDBTypeMatrix.Entry entry in DuckDBTypeMatrix.Entries)
        {
            string raw = row.RootElement.GetProperty(entry.Column).GetRawText();
            Assert.True(entry.Json == raw, $"{entry.Column}: {raw}, expected {entry.Json}");
        }
        Assert.Equal(JsonValueKind.Array, row.RootElement.GetProperty("int_list").ValueKind);
        Assert.Equal(JsonValueKind.Object, row.RootElement.GetProperty("struct").ValueKind);
        Assert.Equal(JsonValueKind.True, row.RootElement.GetProperty("bool_true").ValueKind);
        Assert.Equal(JsonValueKind.Null, row.RootElement.GetProperty("nan").ValueKind);
    }

    [Fact]
    public void Json_of_nan_and_infinity_is_null_not_a_crash()
    {
        CliResult r = CliRunner.Run("sql", "--format", "json", Lossy,
            "SELECT regr_slope(len, len) AS slope, 'nan'::DOUBLE AS nan, 'inf'::DOUBLE AS inf, '-inf'::FLOAT AS ninf, [0.0 / 0.0] AS list, stream FROM packets GROUP BY stream");

        Assert.Equal(0, r.ExitCode);
        Assert.True(r.HasNoStackTrace);
        using JsonDocument row = JsonDocument.Parse(Assert.Single(r.OutLines));
        Assert.Contains(row.RootElement.GetProperty("slope").ValueKind, new[] { JsonValueKind.Number, JsonValueKind.Null });
        Assert.Equal(JsonValueKind.Null, row.RootElement.GetProperty("nan").ValueKind);
        Assert.Equal(JsonValueKind.Null, row.RootElement.GetProperty("inf").ValueKind);
        Assert.Equal(JsonValueKind.Null, row.RootElement.GetProperty("ninf").ValueKind);
        Assert.Equal("[null]", row.RootElement.GetProperty("list").GetRawText());
        Assert.Equal(0, row.RootElement.GetProperty("stream").GetInt32());
    }

    [Theory]
    [InlineData("SELEC 1")]
    [InlineData("SELECT nothing FROM packets")]
    [InlineData("SELECT ?")]
    [InlineData("SELECT (CASE WHEN frame > 100 THEN 'x' ELSE '1' END)::INTEGER FROM packets")]
    [InlineData("CREATE TABLE u AS SELECT union_value(n := 1)::UNION(n INTEGER, s VARCHAR) AS v; SELECT v FROM u")]
    public void A_bad_query_prints_one_line_and_exits_2_in_every_format(string query)
    {
        foreach (string format in new[] { "table", "csv", "json" })
        {
            CliResult r = CliRunner.Run("sql", "--format", format, Lossy, query);

            Assert.Equal(2, r.ExitCode);
            Assert.Single(r.ErrLines);
            Assert.True(r.HasNoStackTrace);
        }
    }
}
