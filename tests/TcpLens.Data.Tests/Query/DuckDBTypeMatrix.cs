namespace TcpLens.Data.Tests.Query;

/// <summary>
/// One value of each DuckDB type (and the nestings that matter), with the text DuckDB 1.5's CLI
/// prints for it and the JSON tcplens writes for it. The text is also checked against DuckDB's
/// own CAST(... AS VARCHAR) at run time; null where it depends on the machine (time zone).
/// Shared with the CLI tests, which run the same values through the program.
/// </summary>
public static class DuckDBTypeMatrix
{
    public sealed record Entry(string Column, string Sql, string? Text, string Json);

    public static IReadOnlyList<Entry> Entries { get; } =
    [
        new("int_list", "[1, 2, NULL]::BIGINT[]", "[1, 2, NULL]", "[1,2,null]"),
        new("text_list", "['a', 'b c', 'd,e', NULL, '', 'it''s']", "[a, b c, 'd,e', NULL, '', 'it\\'s']", "[\"a\",\"b c\",\"d,e\",null,\"\",\"it's\"]"),
        new("nested_list", "[[1], [], NULL]", "[[1], [], NULL]", "[[1],[],null]"),
        new("struct", "{'a': 1, 'b': 'x', 'c d': NULL}", "{'a': 1, 'b': x, 'c d': NULL}", "{\"a\":1,\"b\":\"x\",\"c d\":null}"),
        new("unnamed_struct", "row(1, 'a')", "(1, a)", "[1,\"a\"]"),
        new("map", "map([1, 2], ['a', 'b'])", "{1=a, 2=b}", "[{\"key\":1,\"value\":\"a\"},{\"key\":2,\"value\":\"b\"}]"),
        new("map_of_lists", "map(['k'], [[1.5]])", "{k=[1.5]}", "[{\"key\":\"k\",\"value\":[1.5]}]"),
        new("array", "[1, 2, 3]::INTEGER[3]", "[1, 2, 3]", "[1,2,3]"),
        new("list_of_structs", "[{'a': 1.50::DECIMAL(4,2), 't': TIMESTAMP '2026-11-24 15:00:01.25'}, {'a': NULL, 't': NULL}, NULL]",
            "[{'a': 1.50, 't': '2026-11-24 15:00:01.25'}, {'a': NULL, 't': NULL}, NULL]", "[{\"a\":1.50,\"t\":\"2026-11-24T15:00:01.25Z\"},{\"a\":null,\"t\":null},null]"),
        new("list_of_null", "[NULL]", "[NULL]", "[null]"),
        new("union", "union_value(n := 1)::UNION(n INTEGER, s VARCHAR)", "1", "{\"n\":1}"),
        new("bit", "'101'::BIT", "101", "\"101\""),
        new("ts", "TIMESTAMP '2026-11-24 15:00:01.25'", "2026-11-24 15:00:01.25", "\"2026-11-24T15:00:01.25Z\""),
        new("ts_whole", "TIMESTAMP '2026-11-24 15:00:01'", "2026-11-24 15:00:01", "\"2026-11-24T15:00:01Z\""),
        new("ts_ns", "TIMESTAMP_NS '2026-11-24 15:00:01.123456789'", "2026-11-24 15:00:01.123456789", "\"2026-11-24T15:00:01.123456789Z\""),
        new("ts_ms", "TIMESTAMP_MS '2026-11-24 15:00:01.120'", "2026-11-24 15:00:01.12", "\"2026-11-24T15:00:01.12Z\""),
        new("ts_s", "TIMESTAMP_S '2026-11-24 15:00:01'", "2026-11-24 15:00:01", "\"2026-11-24T15:00:01Z\""),
        new("ts_infinite", "'infinity'::TIMESTAMP", "infinity", "\"infinity\""),
        new("tstz", "TIMESTAMPTZ '2026-11-24 15:00:01.25+00'", null, "\"2026-11-24T15:00:01.25Z\""),
        new("to_timestamp", "to_timestamp(1452286755.5)", null, "\"2016-01-08T20:59:15.5Z\""),
        new("date", "DATE '2026-11-24'", "2026-11-24", "\"2026-11-24\""),
        new("time", "TIME '15:00:01.5'", "15:00:01.5", "\"15:00:01.5\""),
        new("time_ns", "TIME_NS '15:00:01.123456789'", "15:00:01.123456789", "\"15:00:01.123456789\""),
        new("timetz", "TIMETZ '15:00:01.5+02'", "15:00:01.5+02", "\"15:00:01.5+02\""),
        new("interval_ms", "INTERVAL 1500 MILLISECOND", "00:00:01.5", "\"00:00:01.5\""),
        new("interval_days", "INTERVAL '1 day 02:03:04'", "1 day 02:03:04", "\"1 day 02:03:04\""),
        new("interval_months", "INTERVAL '1 year 2 months 3 days'", "1 year 2 months 3 days", "\"1 year 2 months 3 days\""),
        new("bool_true", "true", "true", "true"),
        new("bool_false", "1 = 2", "false", "false"),
        new("decimal", "1.50::DECIMAL(5,2)", "1.50", "1.50"),
        new("decimal_38", "123456789012345678901234567.123456789::DECIMAL(38,9)", "123456789012345678901234567.123456789", "123456789012345678901234567.123456789"),
        new("decimal_seconds", "0.004394::DECIMAL(19,9)", "0.004394000", "0.004394000"),
        new("hugeint", "170141183460469231731687303715884105727::HUGEINT", "170141183460469231731687303715884105727", "170141183460469231731687303715884105727"),
        new("hugeint_min", "(-170141183460469231731687303715884105728)::HUGEINT", "-170141183460469231731687303715884105728", "-170141183460469231731687303715884105728"),
        new("uhugeint", "340282366920938463463374607431768211455::UHUGEINT", "340282366920938463463374607431768211455", "340282366920938463463374607431768211455"),
        new("ubigint", "18446744073709551615::UBIGINT", "18446744073709551615", "18446744073709551615"),
        new("bigint", "(-9223372036854775808)::BIGINT", "-9223372036854775808", "-9223372036854775808"),
        new("integer", "42::INTEGER", "42", "42"),
        new("smallint", "(-7)::SMALLINT", "-7", "-7"),
        new("tinyint", "127::TINYINT", "127", "127"),
        new("utinyint", "255::UTINYINT", "255", "255"),
        new("bignum", "'123456789012345678901234567890123456789012'::BIGNUM", "123456789012345678901234567890123456789012", "123456789012345678901234567890123456789012"),
        new("double", "0.1::DOUBLE", "0.1", "0.1"),
        new("double_big", "1e20::DOUBLE", "1e+20", "1e+20"),
        new("double_small", "1.5e-7::DOUBLE", "1.5e-07", "1.5e-07"),
        new("double_whole", "100::DOUBLE", "100.0", "100.0"),
        new("float", "0.1::FLOAT", "0.1", "0.1"),
        new("nan", "'nan'::DOUBLE", "nan", "null"),
        new("infinity", "'inf'::DOUBLE", "inf", "null"),
        new("minus_infinity", "'-inf'::FLOAT", "-inf", "null"),
        new("list_of_nan", "['nan'::DOUBLE, 1.5]", "[nan, 1.5]", "[null,1.5]"),
        new("blob", "'\\xAA\\x00ab'::BLOB", "\\xAA\\x00ab", "\"qgBhYg==\""),
        new("uuid", "'7d5c8a9e-0f2b-4c1d-9e3a-1b2c3d4e5f60'::UUID", "7d5c8a9e-0f2b-4c1d-9e3a-1b2c3d4e5f60", "\"7d5c8a9e-0f2b-4c1d-9e3a-1b2c3d4e5f60\""),
        new("enum", "'b'::ENUM('a', 'b')", "b", "\"b\""),
        new("varchar", "'plain \"quoted\", é'", "plain \"quoted\", é", "\"plain \\\"quoted\\\", é\""),
        new("json", "'{\"a\": [1, 2]}'::JSON", "{\"a\": [1, 2]}", "{\"a\": [1, 2]}"),
        new("null_integer", "NULL::INTEGER", "", "null"),
    ];

    /// <summary>All entries as one SELECT of one row, a column each.</summary>
    public static string Select => "SELECT " + string.Join(", ", Entries.Select(e => $"{e.Sql} AS {e.Column}"));
}
