using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace TcpLens.Plots.Report;

/// <summary>
/// Makes a stand-alone SVG document fit to sit inside an HTML page next to others: no XML
/// declaration or doctype, ids prefixed (every chart renderer numbers its clip paths from 1,
/// and in one page the second chart would clip with the first one's rectangles), a viewBox so
/// it scales with the page, and a label for screen readers.
/// </summary>
internal static partial class InlineSvg
{
    public static string Prepare(string svg, string prefix, string label)
    {
        ArgumentNullException.ThrowIfNull(svg);
        string body = Prolog().Replace(svg, "").Trim();
        var ids = new HashSet<string>(Id().Matches(body).Select(m => m.Groups[1].Value), StringComparer.Ordinal);
        if (ids.Count > 0)
        {
            body = Id().Replace(body, m => $" id=\"{prefix}-{m.Groups[1].Value}\"");
            body = Reference().Replace(body, m => ids.Contains(m.Groups[2].Value) ? $"{m.Groups[1].Value}{prefix}-{m.Groups[2].Value}" : m.Value);
        }
        Match root = Root().Match(body);
        if (!root.Success)
        {
            return body;
        }
        string attributes = root.Groups[1].Value;
        string extra = $" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(label)}\"";
        if (!attributes.Contains("viewBox", StringComparison.Ordinal)
            && Width().Match(attributes) is { Success: true } w && Height().Match(attributes) is { Success: true } h)
        {
            extra += string.Create(CultureInfo.InvariantCulture, $" viewBox=\"0 0 {w.Groups[1].Value} {h.Groups[1].Value}\"");
        }
        return body[..root.Index] + "<svg" + attributes + extra + body[(root.Index + 4 + attributes.Length)..];
    }

    [GeneratedRegex(@"<\?xml[^>]*\?>|<!DOCTYPE[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Prolog();

    [GeneratedRegex("\\sid=\"([^\"]+)\"")]
    private static partial Regex Id();

    // url(#id), href="#id", xlink:href="#id"
    [GeneratedRegex("(url\\(#|href=\"#)([^)\"]+)")]
    private static partial Regex Reference();

    [GeneratedRegex("<svg(\\s[^>]*?)(?=/?>)")]
    private static partial Regex Root();

    [GeneratedRegex("\\swidth=\"([0-9.]+)(?:px)?\"")]
    private static partial Regex Width();

    [GeneratedRegex("\\sheight=\"([0-9.]+)(?:px)?\"")]
    private static partial Regex Height();
}
