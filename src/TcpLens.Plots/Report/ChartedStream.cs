using TcpLens.Analysis.Sessions;

namespace TcpLens.Plots.Report;

/// <summary>One chart of a stream, as SVG text ready to be placed inline.</summary>
/// <param name="Caption">What the chart shows.</param>
/// <param name="Svg">The SVG document (its ids already made unique within the report).</param>
/// <param name="Wide">Shown across the whole width (the detailed time-sequence graph).</param>
public sealed record ChartImage(string Caption, string Svg, bool Wide = false);

/// <summary>A stream the report draws, with why it was picked.</summary>
/// <param name="Session">The stream's session summary.</param>
/// <param name="Title">The chart series' title (endpoints).</param>
/// <param name="Reasons">The rankings that put it among the worst, with its place in each (1 = worst).</param>
/// <param name="Images">Its charts, in the report's order.</param>
public sealed record ChartedStream(Session Session, string Title, IReadOnlyList<string> Reasons, IReadOnlyList<ChartImage> Images);
