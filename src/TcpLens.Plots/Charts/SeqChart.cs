using ScottPlot;
using TcpLens.Plots.Series;

namespace TcpLens.Plots.Charts;

/// <summary>Stevens' time-sequence graph: one point per data segment (its relative sequence number), per direction.</summary>
internal static class SeqChart
{
    public static void Draw(Plot plot, StreamSeries series, ChartDirection direction)
    {
        plot.Title($"{series.Title}\nsequence numbers over time (Stevens)");
        ChartStyle.TimeAxis(plot);
        plot.YLabel("relative sequence number (bytes)");
        ChartStyle.WholeNumbers(plot.Axes.Left);
        bool any = false;
        foreach ((DirectionSeries side, Color color) in StreamChart.Sides(series, direction))
        {
            var x = new List<double>();
            var y = new List<double>();
            for (int i = 0; i < side.Count; i++)
            {
                if (side.Length[i] > 0)
                {
                    x.Add(side.Time[i]);
                    y.Add(side.Seq[i]);
                }
            }
            if (x.Count == 0)
            {
                continue;
            }
            any = true;
            var points = plot.Add.ScatterPoints(x.ToArray(), y.ToArray(), color);
            points.MarkerSize = 4;
            points.LegendText = $"{side.Name} data";
        }
        if (!any)
        {
            ChartStyle.Note(plot, "no data segments in this stream");
        }
    }
}
