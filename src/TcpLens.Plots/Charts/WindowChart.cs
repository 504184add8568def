using ScottPlot;
using TcpLens.Analysis;
using TcpLens.Plots.Series;

namespace TcpLens.Plots.Charts;

/// <summary>The receive window each side advertised (scaled, bytes) over time; zero windows marked.</summary>
internal static class WindowChart
{
    public static void Draw(Plot plot, StreamSeries series, ChartDirection direction)
    {
        plot.Title($"{series.Title}\nreceive window advertised");
        ChartStyle.TimeAxis(plot);
        plot.YLabel("receive window (bytes)");
        ChartStyle.WholeNumbers(plot.Axes.Left);
        bool any = false;
        foreach ((DirectionSeries side, Color color) in StreamChart.Sides(series, direction))
        {
            var x = new List<double>();
            var y = new List<double>();
            var zeroX = new List<double>();
            for (int i = 0; i < side.Count; i++)
            {
                if (side.Window[i] >= 0)
                {
                    x.Add(side.Time[i]);
                    y.Add(side.Window[i]);
                }
                if ((side.Flags[i] & AnalysisFlags.ZeroWindow) != 0)
                {
                    zeroX.Add(side.Time[i]);
                }
            }
            if (x.Count == 0)
            {
                continue;
            }
            any = true;
            TcptraceChart.Step(plot, x, y, color, $"{side.Name} window");
            if (zeroX.Count > 0)
            {
                var zero = plot.Add.ScatterPoints(zeroX.ToArray(), new double[zeroX.Count], ChartStyle.ZeroWindow);
                zero.MarkerShape = MarkerShape.FilledTriangleUp;
                zero.MarkerSize = 9;
                zero.LegendText = $"{side.Name} zero window";
            }
        }
        if (!any)
        {
            ChartStyle.Note(plot, "no window values in this stream");
        }
    }
}
