using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;
using TcpLens.Plots.Charts;
using TcpLens.Plots.Series;

namespace TcpLens.Plots.Report;

/// <summary>Draws the picked streams: their series come from one partial pass over the capture, then three SVG charts each.</summary>
internal static class ChartDrawing
{
    // What a reader of a troubled connection looks at first: where the bytes went and when
    // (tcptrace), whether a window held the sender back, and how the round trip behaved.
    // The time-sequence graph holds the most detail: it gets a full-width chart of its own.
    private static readonly (PlotKind Kind, string Caption, int Width, int Height)[] Kinds =
    [
        (PlotKind.Tcptrace, "Time-sequence (tcptrace): sent segments, ACK line and receive window", 1200, 560),
        (PlotKind.Window, "Receive window each side advertised", 900, 480),
        (PlotKind.Rtt, "ACK round-trip time of each direction's data", 900, 480),
    ];

    public static List<ChartedStream> Draw(IReadOnlyList<string> files, List<(Session Session, List<string> Reasons)> picked, AnalysisOptions? options)
    {
        if (picked.Count == 0)
        {
            return [];
        }
        IReadOnlyDictionary<int, StreamSeries> series = StreamSeries.CollectMany(files, [.. picked.Select(p => p.Session)], options);
        var charted = new List<ChartedStream>();
        foreach ((Session session, List<string> reasons) in picked)
        {
            if (!series.TryGetValue(session.Stream, out StreamSeries? s))
            {
                continue;
            }
            List<ChartImage> images = [.. Kinds.Select(k => new ChartImage(k.Caption,
                InlineSvg.Prepare(StreamChart.Svg(s, k.Kind, k.Width, k.Height), $"s{session.Stream}-{k.Kind.ToString().ToLowerInvariant()}", k.Caption),
                Wide: k.Kind == PlotKind.Tcptrace))];
            charted.Add(new ChartedStream(session, s.Title, reasons, images));
        }
        return charted;
    }
}
