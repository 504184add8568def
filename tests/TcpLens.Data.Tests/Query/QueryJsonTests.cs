using System.Globalization;
using System.Numerics;
using System.Text.Json;
using DuckDB.NET.Data;
using TcpLens.Data.Query;

namespace TcpLens.Data.Tests.Query;

public class QueryJsonTests
{
    private static DuckDBConnection Open(string? timeZone = null)
    {
        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        if (timeZone is not null)
        {
            using DuckDBCommand set = connection.CreateCommand();
            set.CommandText = $"SET TimeZone = '{timeZone}'";
            set.ExecuteNonQuery();
        }
        return connection;
    }

    private static string[] JsonLines(DuckDBConnection connection, string sql)
    {
        using QueryResult result = QueryRunner.Run(connection, sql, ValueForm.Json);
        using var output = new StringWriter();
        QueryJsonWriter.Write(result, output);
        return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Asia/Kolkata")] // a TIMESTAMPTZ is written in UTC whatever the session's zone
    public void Every_type_is_written_as_typed_json(string? timeZone)
    {
        using DuckDBConnection connection = Open(timeZone);

        using JsonDocument row = JsonDocument.Parse(Assert.Single(JsonLines(connection, DuckDBTypeMatrix.Select)));

        Assert.Equal(DuckDBTypeMatrix.Entries.Select(e => e.Column), row.RootElement.EnumerateObject().Select(p => p.Name));
        foreach (DuckDBTypeMatrix.Entry entry in DuckDBTypeMatrix.Entries)
        {
            string raw = row.RootElement.GetProperty(entry.Column).GetRawText();
            Assert.True(entry.Json == raw, $"{entry.Column}: {raw}, expected {entry.Json}");
        }
    }

    [Fact]
    public void Values_have_their_json_kinds_and_exact_values()
    {
        using DuckDBConnection connection = Open();

        using JsonDocument doc = JsonDocument.Parse(Assert.Single(JsonLines(connection, DuckDBTypeMatrix.Select)));
        JsonElement row = doc.RootElement;

        Assert.Equal(JsonValueKind.Array, row.GetProperty("int_list").ValueKind);
        Assert.Equal(JsonValueKind.Null, row.GetProperty("int_list")[2].ValueKind);
        Assert.Equal(JsonValueKind.Object, row.GetProperty("struct").ValueKind);
        Assert.Equal("x", row.GetProperty("struct").GetProperty("b").GetString());
        Assert.Equal(2, row.GetProperty("map")[1].GetProperty("key").GetInt32());
        Assert.Equal(JsonValueKind.Object, row.GetProperty("list_of_structs")[0].ValueKind);
        Assert.Equal(JsonValueKind.True, row.GetProperty("bool_true").ValueKind);
        Assert.Equal(JsonValueKind.False, row.GetProperty("bool_false").ValueKind);
        Assert.Equal(BigInteger.Parse("170141183460469231731687303715884105727", CultureInfo.InvariantCulture), BigInteger.Parse(row.GetProperty("hugeint").GetRawText(), CultureInfo.InvariantCulture));
        Assert.Equal(18446744073709551615UL, row.GetProperty("ubigint").GetUInt64());
        Assert.Equal(1.50m, row.GetProperty("decimal").GetDecimal());
        Assert.Equal(0.1, row.GetProperty("double").GetDouble());
        Assert.Equal(1e20, row.GetProperty("double_big").GetDouble());
        foreach (string special in new[] { "nan", "infinity", "minus_infinity", "null_integer" })
        {
            Assert.Equal(JsonValueKind.Null, row.GetProperty(special).ValueKind);
        }
        Assert.Equal(new byte[] { 0xAA, 0x00, (byte)'a', (byte)'b' }, row.GetProperty("blob").GetBytesFromBase64());
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 15, 0, 1, 250, TimeSpan.Zero), row.GetProperty("ts").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2016, 1, 8, 20, 59, 15, 500, TimeSpan.Zero), row.GetProperty("to_timestamp").GetDateTimeOffset());
        Assert.Equal(new DateTime(2026, 11, 24), DateTime.ParseExact(row.GetProperty("date").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.Equal(Guid.Parse("7d5c8a9e-0f2b-4c1d-9e3a-1b2c3d4e5f60"), row.GetProperty("uuid").GetGuid());
        Assert.Equal("plain \"quoted\", é", row.GetProperty("varchar").GetString());
    }

    [Fact]
    public void Regression_slope_of_nothing_is_null_not_a_crash()
    {
        using DuckDBConnection connection = Open();

        string[] lines = JsonLines(connection, "SELECT regr_slope(x, x) AS slope, 'inf'::DOUBLE AS inf, [0.0 / 0.0] AS nan_list FROM (VALUES (1.0::DOUBLE), (1.0)) t(x)");

        using JsonDocument row = JsonDocument.Parse(Assert.Single(lines));
        Assert.Equal(JsonValueKind.Null, row.RootElement.GetProperty("slope").ValueKind);
        Assert.Equal(JsonValueKind.Null, row.RootElement.GetProperty("inf").ValueKind);
        Assert.Equal("[null]", row.RootElement.GetProperty("nan_list").GetRawText());
    }

    [Fact]
    public void Nested_names_and_strings_are_escaped()
    {
        using DuckDBConnection connection = Open();

        string line = Assert.Single(JsonLines(connection,
            "SELECT {'it''s \"q\"': 'a' || chr(10) || 'b', 'é': [NULL]} AS \"na\"\"me\", union_value(\"o'k\" := 'x')::UNION(\"o'k\" VARCHAR, n INTEGER) AS u, map([{'k': 1}], [MAP([], [])]) AS m"));

        using JsonDocument row = JsonDocument.Parse(line);
        JsonElement s = row.RootElement.GetProperty("na\"me");
        Assert.Equal("a\nb", s.GetProperty("it's \"q\"").GetString());
        Assert.Equal("[null]", s.GetProperty("é").GetRawText());
        Assert.Equal("x", row.RootElement.GetProperty("u").GetProperty("o'k").GetString());
        Assert.Equal("[{\"key\":{\"k\":1},\"value\":[]}]", row.RootElement.GetProperty("m").GetRawText());
    }

    [Fact]
    public void Timestamps_outside_iso_years_keep_duckdbs_text()
    {
        using DuckDBConnection connection = Open();

        using JsonDocument row = JsonDocument.Parse(Assert.Single(JsonLines(connection, "SELECT TIMESTAMP '0044-03-15 (BC) 12:00:00' AS bc, '-infinity'::TIMESTAMPTZ AS never, [TIMESTAMP_NS '2026-01-01 00:00:00.000000001'] AS ns")));

        Assert.Equal("0044-03-15 (BC) 12:00:00", row.RootElement.GetProperty("bc").GetString());
        Assert.Equal("-infinity", row.RootElement.GetProperty("never").GetString());
        Assert.Equal("[\"2026-01-01T00:00:00.000000001Z\"]", row.RootElement.GetProperty("ns").GetRawText());
    }

    [Fact]
    public void Statements_run_as_written_still_give_valid_json()
    {
        using DuckDBConnection connection = Open();

        string line = Assert.Single(JsonLines(connection, "CREATE TABLE t AS SELECT 'nan'::DOUBLE AS d, 2.5::DECIMAL(4,2) AS m, true AS b, 'x\"y' AS s, 7::HUGEINT AS h; SELECT * FROM t"));

        using JsonDocument row = JsonDocument.Parse(line);
        Assert.Equal(JsonValueKind.Null, row.RootElement.GetProperty("d").ValueKind);
        Assert.Equal("2.50", row.RootElement.GetProperty("m").GetRawText());
        Assert.Equal(JsonValueKind.True, row.RootElement.GetProperty("b").ValueKind);
        Assert.Equal("x\"y", row.RootElement.GetProperty("s").GetString());
        Assert.Equal(7, row.RootElement.GetProperty("h").GetInt32());
    }
}
