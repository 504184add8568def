using DuckDB.NET.Data;
using TcpLens.Data.Query;

namespace TcpLens.Data.Tests.Query;

public class SqlTypeParserTests
{
    // the type name exactly as DuckDB's DESCRIBE gives it
    private static SqlType Described(string expression)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using DuckDBCommand cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT column_type FROM (DESCRIBE SELECT {expression})";
        return SqlTypeParser.Parse((string)cmd.ExecuteScalar()!);
    }

    [Fact]
    public void Nested_types_come_apart_as_duckdb_names_them()
    {
        SqlType s = Described("{'x y': 1, 'z': [{'q': 'a'}]}");
        Assert.Equal("STRUCT", s.Name);
        Assert.Equal(["x y", "z"], s.Members.Select(m => m.Name));
        Assert.Equal("LIST", s.Members[1].Type.Name);
        Assert.Equal("q", s.Members[1].Type.Members[0].Type.Members[0].Name);

        SqlType m = Described("map(['a'], [[1.5::DECIMAL(4,1)]])");
        Assert.Equal("MAP", m.Name);
        Assert.Equal(["VARCHAR", "LIST"], m.Members.Select(x => x.Type.Name));
        Assert.Equal("DECIMAL", m.Members[1].Type.Members[0].Type.Name);

        SqlType a = Described("[[1, 2]::INTEGER[2]]");
        Assert.Equal("LIST", a.Name);
        Assert.Equal("ARRAY", a.Members[0].Type.Name);
        Assert.Equal("INTEGER", a.Members[0].Type.Members[0].Type.Name);

        SqlType u = Described("union_value(\"s t\" := 'x')::UNION(n INTEGER, \"s t\" VARCHAR)");
        Assert.Equal("UNION", u.Name);
        Assert.Equal(["n", "s t"], u.Members.Select(x => x.Name));
    }

    [Fact]
    public void Names_of_several_words_arguments_and_unnamed_fields_are_read()
    {
        Assert.Equal("TIMESTAMP WITH TIME ZONE", Described("now()").Name);
        Assert.Equal("TIME WITH TIME ZONE", Described("TIMETZ '15:00:01+02'").Name);
        Assert.Equal("DECIMAL", Described("1.5::DECIMAL(5,2)").Name);
        SqlType e = Described("'a'::ENUM('a,b', 'c''d)', 'a')");
        Assert.Equal("ENUM", e.Name);
        SqlType row = Described("row(now(), 1)");
        Assert.Equal("STRUCT", row.Name);
        Assert.Equal([null, null], row.Members.Select(x => x.Name));
        Assert.Equal(["TIMESTAMP WITH TIME ZONE", "INTEGER"], row.Members.Select(x => x.Type.Name));
        SqlType quoted = Described("{'a\"b': now()}");
        Assert.Equal("a\"b", quoted.Members[0].Name);
        Assert.Equal("TIMESTAMP WITH TIME ZONE", quoted.Members[0].Type.Name);
    }

    [Theory]
    [InlineData("STRUCT(")]
    [InlineData("MAP(VARCHAR)")]
    [InlineData("INTEGER[")]
    [InlineData("")]
    public void A_name_it_cannot_follow_is_kept_whole(string text)
    {
        SqlType type = SqlTypeParser.Parse(text);

        Assert.Empty(type.Members);
        Assert.Equal(text, type.Text);
    }
}
