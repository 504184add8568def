using System.Text;

namespace TcpLens.Data.Query;

/// <summary>
/// Reads DuckDB's name of a type (as <c>DESCRIBE</c> prints it: <c>INTEGER[]</c>,
/// <c>STRUCT("x y" INTEGER, z VARCHAR[])</c>, <c>MAP(VARCHAR, DOUBLE)</c>, <c>INTEGER[3]</c>,
/// <c>UNION(n INTEGER, s VARCHAR)</c>, <c>DECIMAL(5,2)</c>, <c>ENUM('a', 'b')</c>,
/// <c>TIMESTAMP WITH TIME ZONE</c>) into a <see cref="SqlType"/>. DuckDB's type names are not
/// reachable as structures through ADO.NET, so the text is the one source of a column's type.
/// </summary>
public static class SqlTypeParser
{
    /// <summary>The type named by <paramref name="text"/>; a name this parser cannot follow comes back whole as a plain type of that name, so its values are still shown (as DuckDB's text).</summary>
    public static SqlType Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reader = new Reader(text);
        try
        {
            SqlType type = reader.Type();
            reader.SkipSpaces();
            return reader.AtEnd ? type : SqlType.Plain(text.Trim().ToUpperInvariant(), text);
        }
        catch (FormatException)
        {
            return SqlType.Plain(text.Trim().ToUpperInvariant(), text);
        }
    }

    private sealed class Reader(string text)
    {
        private int _pos;

        public bool AtEnd => _pos >= text.Length;

        private char Next => _pos < text.Length ? text[_pos] : '\0';

        public SqlType Type()
        {
            SkipSpaces();
            int start = _pos;
            SqlType type = Base();
            // element types come first: INTEGER[][3] is an ARRAY of 3 lists of integers
            while (true)
            {
                SkipSpaces();
                if (Next != '[')
                {
                    return type;
                }
                _pos++;
                int digits = _pos;
                while (char.IsAsciiDigit(Next))
                {
                    _pos++;
                }
                bool sized = _pos > digits;
                Expect(']');
                type = new SqlType(sized ? "ARRAY" : "LIST", text[start.._pos], [new SqlTypeMember(null, type)]);
            }
        }

        private SqlType Base()
        {
            int start = _pos;
            string first = Word();
            string upper = first.ToUpperInvariant();
            SkipSpaces();
            if (upper is "STRUCT" or "UNION" && Next == '(')
            {
                _pos++;
                List<SqlTypeMember> members = Members();
                return new SqlType(upper, text[start.._pos], members);
            }
            if (upper == "MAP" && Next == '(')
            {
                _pos++;
                SqlType key = Type();
                SkipSpaces();
                Expect(',');
                SqlType value = Type();
                SkipSpaces();
                Expect(')');
                return new SqlType("MAP", text[start.._pos], [new SqlTypeMember(null, key), new SqlTypeMember(null, value)]);
            }
            // more words belong to the name (TIMESTAMP WITH TIME ZONE), then arguments (DECIMAL(5,2), ENUM('a', 'b'))
            var name = new StringBuilder(upper);
            while (char.IsAsciiLetter(Next))
            {
                name.Append(' ').Append(Word().ToUpperInvariant());
                SkipSpaces();
            }
            if (Next == '(')
            {
                SkipArguments();
            }
            return SqlType.Plain(name.ToString(), text[start.._pos]);
        }

        // Fields of a STRUCT or members of a UNION up to the closing parenthesis: "name TYPE", or
        // "TYPE" alone in an unnamed struct (row(1, 'a') is STRUCT(INTEGER, VARCHAR)).
        private List<SqlTypeMember> Members()
        {
            var members = new List<SqlTypeMember>();
            while (true)
            {
                SkipSpaces();
                int start = _pos;
                string? name;
                if (Next == '"')
                {
                    name = Quoted();
                }
                else
                {
                    string word = Word();
                    SkipSpaces();
                    bool typeFollows = char.IsAsciiLetter(Next) && !StartsWithTimeZone();
                    name = typeFollows ? word : null;
                    if (!typeFollows)
                    {
                        _pos = start; // the word was the start of an unnamed field's type
                    }
                }
                members.Add(new SqlTypeMember(name, Type()));
                SkipSpaces();
                if (Next == ')')
                {
                    _pos++;
                    return members;
                }
                Expect(',');
            }
        }

        private bool StartsWithTimeZone() =>
            text.AsSpan(_pos).StartsWith("WITH TIME ZONE", StringComparison.OrdinalIgnoreCase);

        private string Word()
        {
            int start = _pos;
            while (_pos < text.Length && (char.IsAsciiLetterOrDigit(text[_pos]) || text[_pos] == '_'))
            {
                _pos++;
            }
            if (_pos == start)
            {
                throw new FormatException($"a name expected at {start} in '{text}'");
            }
            return text[start.._pos];
        }

        // "a ""quoted"" name" as DuckDB quotes identifiers that are not plain
        private string Quoted()
        {
            var name = new StringBuilder();
            _pos++;
            while (true)
            {
                if (AtEnd)
                {
                    throw new FormatException($"unterminated name in '{text}'");
                }
                char c = text[_pos++];
                if (c == '"')
                {
                    if (Next != '"')
                    {
                        return name.ToString();
                    }
                    _pos++;
                }
                name.Append(c);
            }
        }

        // (5,2) or ('a', 'it''s') or (...) nested: skipped as a whole, quotes respected
        private void SkipArguments()
        {
            int depth = 0;
            char quote = '\0';
            while (!AtEnd)
            {
                char c = text[_pos++];
                if (quote != '\0')
                {
                    quote = c == quote ? '\0' : quote; // a doubled quote closes and reopens: same effect
                }
                else if (c is '\'' or '"')
                {
                    quote = c;
                }
                else if (c == '(')
                {
                    depth++;
                }
                else if (c == ')' && --depth == 0)
                {
                    return;
                }
            }
            throw new FormatException($"unbalanced parentheses in '{text}'");
        }

        public void SkipSpaces()
        {
            while (Next == ' ')
            {
                _pos++;
            }
        }

        private void Expect(char c)
        {
            if (Next != c)
            {
                throw new FormatException($"'{c}' expected at {_pos} in '{text}'");
            }
            _pos++;
        }
    }
}
