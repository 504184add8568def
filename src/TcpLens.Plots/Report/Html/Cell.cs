namespace TcpLens.Plots.Report.Html;

/// <summary>
/// One table cell: its HTML (already escaped) and, for numbers, the raw value the page sorts by
/// (shown text may carry units or separators). A null sort key is an absent value: it sorts last.
/// </summary>
internal readonly record struct Cell(string Html, double? SortKey = null, string? Title = null)
{
    /// <summary>Plain text, escaped.</summary>
    public static Cell Of(string? text, string? title = null) => new(Text.E(text), null, title);

    /// <summary>A count, sorted by its value.</summary>
    public static Cell Count(long n) => new(Text.Count(n), n);

    /// <summary>A duration in milliseconds (from nanoseconds), empty when absent.</summary>
    public static Cell Ms(long? ns) => ns is { } v ? new(Text.Ms(v), v) : Empty;

    /// <summary>A duration in seconds (from nanoseconds), empty when absent.</summary>
    public static Cell Seconds(long? ns) => ns is { } v ? new(Text.Seconds(v), v) : Empty;

    /// <summary>No value.</summary>
    public static Cell Empty { get; } = new("");
}
