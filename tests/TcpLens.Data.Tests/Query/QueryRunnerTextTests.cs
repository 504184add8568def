using DuckDB.NET.Data;
using TcpLens.Data.Query;

namespace TcpLens.Data.Tests.Query;

public class QueryRunnerTextTests
{
    private static DuckDBConnection Open()
    {
        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        return connection;
    }

    // DuckDB's own text of a value: what its CLI prints (its renderers cast every column to VARCHAR)
    internal static string DuckDBText(DuckDBConnection connection, string sql)
    {
        using DuckDBCommand cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT CAST(({sql}) AS VARCHAR)";
        object? value = cmd.ExecuteScalar();
        return value is string s ? s : "";
    }

    private static List<string?[]> Rows(DuckDBConnection connection, string sql, ValueForm form)
    {
        using QueryResult result = QueryRunner.Run(connection, sql, form);
        return ReadAll(result);
    }

    private static List<string?[]> ReadAll(QueryResult result)
    {
        var rows = new List<string?[]>();
        while (result.Read())
        {
            rows.Add([.. Enumerable.Range(0, result.Columns.Count).Select(i => result[i])]);
        }
        return rows;
    }

    [Fact]
    public void Every_type_reads_as_duckdbs_own_text()
    {
        using DuckDBConnection connection = Open();
        string?[] row;
        using (QueryResult result = QueryRunner.Run(connection, DuckDBTypeMatrix.Select, ValueForm.Text))
        {
            Assert.True(result.RenderedByDuckDB);
            Assert.Equal(DuckDBTypeMatrix.Entries.Select(e => e.Column), result.Columns.Select(c => c.Name));
            row = Assert.Single(ReadAll(result));
        }

        // the oracle runs after the result is closed: a streamed result ends when its connection runs another query
        for (int i = 0; i < DuckDBTypeMatrix.Entries.Count; i++)
        {
            DuckDBTypeMatrix.Entry entry = DuckDBTypeMatrix.Entries[i];
            string cell = row[i] ?? "";
            string duckdb = DuckDBText(connection, entry.Sql);
            Assert.True(duckdb == cell, $"{entry.Column}: '{cell}' is not DuckDB's '{duckdb}'");
            if (entry.Text is not null)
            {
                Assert.True(entry.Text == cell, $"{entry.Column}: '{cell}', expected '{entry.Text}'");
            }
        }
    }

    [Fact]
    public void A_timestamp_with_time_zone_prints_in_the_sessions_zone()
    {
        using DuckDBConnection connection = Open();
        using (DuckDBCommand set = connection.CreateCommand())
        {
            set.CommandText = "SET TimeZone = 'America/New_York'";
            set.ExecuteNonQuery();
        }

        string?[] row = Assert.Single(Rows(connection, "SELECT TIMESTAMPTZ '2026-11-24 15:00:01.25+00' AS t, to_timestamp(1452286755.5) AS u", ValueForm.Text));

        Assert.Equal("2026-11-24 10:00:01.25-05", row[0]);
        Assert.Equal("2016-01-08 15:59:15.5-05", row[1]);
    }

    [Fact]
    public void Display_escapes_control_characters_as_duckdbs_boxes_do_and_text_keeps_them()
    {
        using DuckDBConnection connection = Open();
        const string sql = "SELECT 'a' || chr(10) || 'b' || chr(9) || 'c' || chr(13) || chr(1) || chr(27) AS s, ['x' || chr(10)] AS l";

        string?[] shown = Assert.Single(Rows(connection, sql, ValueForm.Display));
        string?[] text = Assert.Single(Rows(connection, sql, ValueForm.Text));

        Assert.Equal("a\\nb\\tc\\r\\1\\e", shown[0]);
        Assert.Equal("['x\\n']", shown[1]);
        Assert.Equal("a\nb\tc\r\u0001\u001b", text[0]);
    }

    [Fact]
    public void Rows_keep_the_querys_order_names_and_nulls()
    {
        using DuckDBConnection connection = Open();

        using QueryResult result = QueryRunner.Run(connection, "SELECT range AS a, CASE WHEN range % 2 = 0 THEN [range] END AS a FROM range(100000) ORDER BY range DESC -- last", ValueForm.Text);
        Assert.Equal(["a", "a"], result.Columns.Select(c => c.Name));
        long expected = 99_999;
        while (result.Read())
        {
            Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), result[0]);
            Assert.Equal(expected % 2 == 0 ? $"[{expected}]" : null, result[1]);
            expected--;
        }
        Assert.Equal(-1, expected);
    }

    [Fact]
    public void Numbers_are_marked_for_right_alignment()
    {
        using DuckDBConnection connection = Open();
        using QueryResult result = QueryRunner.Run(connection, "SELECT 1::HUGEINT a, 1.5::DECIMAL(3,1) b, 1.5::DOUBLE c, 'x' d, [1] e, true f", ValueForm.Text);

        Assert.Equal(
            [Results.ValueKind.Integer, Results.ValueKind.Decimal, Results.ValueKind.Decimal, Results.ValueKind.Text, Results.ValueKind.Text, Results.ValueKind.Text],
            result.Columns.Select(c => c.Kind));
    }

    [Fact]
    public void Statements_other_than_one_query_run_as_written()
    {
        using DuckDBConnection connection = Open();

        using (QueryResult explain = QueryRunner.Run(connection, "EXPLAIN SELECT 1", ValueForm.Text))
        {
            Assert.False(explain.RenderedByDuckDB);
            Assert.True(explain.Read());
            Assert.Contains("PROJECTION", explain[1], StringComparison.Ordinal);
        }
        // several statements: the first that gives rows is printed, as DuckDB.NET reads it
        string?[] row = Assert.Single(Rows(connection, "CREATE TABLE t AS SELECT 1.50::DECIMAL(5,2) AS x, true AS b, 'nan'::DOUBLE AS d; SELECT x, b, d FROM t", ValueForm.Text));
        Assert.Equal(new string?[] { "1.50", "true", "nan" }, row);
        string?[] json = Assert.Single(Rows(connection, "SELECT 1; SELECT 2", ValueForm.Json));
        Assert.Equal("1", json[0]);
    }

    [Fact]
    public void Bad_sql_and_unreadable_values_are_query_exceptions_of_one_line()
    {
        using DuckDBConnection connection = Open();
        using (DuckDBCommand create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE u AS SELECT union_value(n := 1)::UNION(n INTEGER, s VARCHAR) AS v";
            create.ExecuteNonQuery();
        }

        QueryException syntax = Assert.Throws<QueryException>(() => QueryRunner.Run(connection, "SELEC 1", ValueForm.Text));
        QueryException parameter = Assert.Throws<QueryException>(() => QueryRunner.Run(connection, "SELECT ?", ValueForm.Text));
        QueryException column = Assert.Throws<QueryException>(() => QueryRunner.Run(connection, "SELECT nothing FROM u", ValueForm.Json));
        // DuckDB.NET cannot read a UNION: outside one query it is an error, in one query DuckDB writes it
        QueryException union = Assert.Throws<QueryException>(() => QueryRunner.Run(connection, "CREATE TABLE w AS SELECT 1; SELECT v FROM u", ValueForm.Text));
        Assert.Equal("1", Assert.Single(Rows(connection, "SELECT v FROM u", ValueForm.Text))[0]);
        QueryException running = Assert.Throws<QueryException>(() => Rows(connection, "SELECT (CASE WHEN range < 5000 THEN '1' ELSE 'x' END)::INTEGER AS n FROM range(10000)", ValueForm.Text));

        Assert.Contains("syntax error", syntax.Message, StringComparison.Ordinal);
        Assert.Contains("nothing", column.Message, StringComparison.Ordinal);
        Assert.Contains("Conversion Error", running.Message, StringComparison.Ordinal);
        foreach (QueryException e in new[] { syntax, parameter, column, union, running })
        {
            Assert.DoesNotContain('\n', e.Message);
            Assert.NotEmpty(e.Message);
        }
    }
}
