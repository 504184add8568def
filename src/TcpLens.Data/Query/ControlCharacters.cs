namespace TcpLens.Data.Query;

/// <summary>
/// Escapes control characters the way DuckDB's CLI does in its boxes (<c>\n</c>, <c>\t</c>,
/// <c>\r</c>, <c>\a</c>, <c>\b</c>, <c>\v</c>, <c>\f</c>, <c>\e</c>, else a backslash and the
/// code in decimal), so that every row stays one line in an aligned table.
/// </summary>
public static class ControlCharacters
{
    /// <summary><paramref name="text"/> with its control characters (below U+0020) escaped; the same string when it has none.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.AsSpan().ContainsAnyInRange('\0', '\u001f'))
        {
            return text;
        }
        var escaped = new System.Text.StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            if (c >= ' ')
            {
                escaped.Append(c);
                continue;
            }
            escaped.Append('\\');
            escaped.Append(c switch
            {
                '\a' => "a",
                '\b' => "b",
                '\t' => "t",
                '\n' => "n",
                '\v' => "v",
                '\f' => "f",
                '\r' => "r",
                '\u001b' => "e",
                _ => ((int)c).ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
        }
        return escaped.ToString();
    }
}
