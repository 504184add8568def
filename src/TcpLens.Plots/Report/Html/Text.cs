using System.Globalization;
using System.Net;
using TcpLens.Capture;

namespace TcpLens.Plots.Report.Html;

/// <summary>Escaping and the number formats of the report: every text that came from a capture or a user goes through <see cref="E"/>.</summary>
internal static class Text
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>HTML-escapes text for element content and quoted attribute values.</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>An integer with thin-space thousands separators for reading (sorting uses the raw value).</summary>
    public static string Count(long n) => n.ToString("#,0", Inv).Replace(",", "\u202F", StringComparison.Ordinal);

    /// <summary>Nanoseconds as milliseconds with three decimals.</summary>
    public static string Ms(long ns) => (ns / 1e6).ToString("0.000", Inv);

    /// <summary>Nanoseconds as seconds with three decimals.</summary>
    public static string Seconds(long ns) => (ns / 1e9).ToString("0.000", Inv);

    /// <summary>Seconds with three decimals.</summary>
    public static string Seconds(double s) => s.ToString("0.000", Inv);

    /// <summary>A share as a percentage with one decimal ("0.0 %" when the whole is zero).</summary>
    public static string Percent(long part, long whole) => (whole == 0 ? 0 : 100.0 * part / whole).ToString("0.0", Inv) + " %";

    /// <summary>A capture time in UTC, to the microsecond, as Wireshark's UTC date and time format shows it.</summary>
    public static string Utc(Timestamp t) =>
        t.ToDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", Inv) + "." + (t.Nanoseconds / 1000).ToString("000000", Inv) + " UTC";

    /// <summary>A byte count in the largest unit that keeps a whole number in front (B, kB, MB, GB; powers of 1000).</summary>
    public static string Bytes(long n) => n switch
    {
        < 10_000 => n.ToString(Inv) + " B",
        < 10_000_000 => (n / 1e3).ToString("0.0", Inv) + " kB",
        < 10_000_000_000 => (n / 1e6).ToString("0.0", Inv) + " MB",
        _ => (n / 1e9).ToString("0.0", Inv) + " GB",
    };

    /// <summary>Invariant integer text (attribute values, ids).</summary>
    public static string I(long n) => n.ToString(Inv);

    /// <summary>Invariant number text for a sort key.</summary>
    public static string D(double d) => d.ToString("R", Inv);
}
