using System.Text;

namespace TcpLens.Results.Exporters;

/// <summary>
/// Sentences for a person at a terminal, wrapped at word boundaries to its width: a line that
/// starts with spaces or a bullet ("  - ") keeps its continuation lines under its text, so lists
/// stay lists. A word longer than the width is left whole. Files and pipes get the text as it is.
/// </summary>
public static class ProseWrap
{
    /// <summary>The text with each line wrapped to <paramref name="width"/> characters (0 or less: unchanged).</summary>
    public static string Wrap(string text, int width)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (width <= 0)
        {
            return text;
        }
        var result = new StringBuilder(text.Length + text.Length / 40);
        string[] lines = text.Split('\n');
        for (int l = 0; l < lines.Length; l++)
        {
            if (l > 0)
            {
                result.Append('\n');
            }
            WrapLine(lines[l].TrimEnd('\r'), width, result);
        }
        return result.ToString();
    }

    private static void WrapLine(string line, int width, StringBuilder result)
    {
        if (line.Length <= width)
        {
            result.Append(line);
            return;
        }
        int indent = line.Length - line.TrimStart(' ').Length;
        string rest = line[indent..];
        int hanging = indent + (rest.StartsWith("- ", StringComparison.Ordinal) || rest.StartsWith("* ", StringComparison.Ordinal) ? 2 : 0);
        if (hanging >= width / 2)
        {
            hanging = 0;
        }
        int column = 0;
        bool first = true;
        result.Append(line, 0, indent);
        column = indent;
        foreach (string word in rest.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!first && column + 1 + word.Length > width)
            {
                result.Append('\n').Append(' ', hanging);
                column = hanging;
            }
            else if (!first)
            {
                result.Append(' ');
                column++;
            }
            result.Append(word);
            column += word.Length;
            first = false;
        }
    }
}
