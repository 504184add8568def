using System.Text;

namespace TcpLens.Plots.Report.Html;

/// <summary>Small pieces several sections use: summary cards, fact lists, notes.</summary>
internal static class Blocks
{
    /// <summary>A card with a big figure; <paramref name="bad"/> colours it as a problem; <paramref name="key"/> names it (data-card) for scripts and tests.</summary>
    public static void Card(StringBuilder html, string label, string value, string? sub = null, bool bad = false, string? key = null)
    {
        html.Append("<div class=\"card").Append(bad ? " bad" : "").Append('"');
        if (key is not null)
        {
            html.Append(" data-card=\"").Append(Text.E(key)).Append('"');
        }
        html.Append("><div class=\"label\">").Append(Text.E(label))
            .Append("</div><div class=\"value\">").Append(Text.E(value)).Append("</div>");
        if (sub is not null)
        {
            html.Append("<div class=\"sub\">").Append(Text.E(sub)).Append("</div>");
        }
        html.Append("</div>\n");
    }

    /// <summary>A definition list of (term, HTML) pairs: the values are already escaped.</summary>
    public static void Facts(StringBuilder html, IEnumerable<(string Term, string Html)> facts)
    {
        html.Append("<dl class=\"facts\">\n");
        foreach ((string term, string value) in facts)
        {
            html.Append("<dt>").Append(Text.E(term)).Append("</dt><dd>").Append(value).Append("</dd>\n");
        }
        html.Append("</dl>\n");
    }

    /// <summary>A muted explanatory paragraph (escaped).</summary>
    public static void Note(StringBuilder html, string text) => html.Append("<p class=\"note\">").Append(Text.E(text)).Append("</p>\n");

    /// <summary>A display filter, selectable with one click.</summary>
    public static string Filter(string filter) => "<code class=\"filter\">" + Text.E(filter) + "</code>";
}
