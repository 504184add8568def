using ScottPlot;
using TcpLens.Plots.Series;

namespace TcpLens.Plots.Charts;

/// <summary>Wireshark's bytes in flight (<c>tcp.analysis.bytes_in_flight</c>) at each data segment: sent and not yet acknowledged, the sender's effective window.</summary>
internal static class InflightChart
{
    public static void Draw(Plot plot, StreamSeries series, ChartDirection direction)
    {
        plot.Title($"{series.Title}\nbytes in flight");
        ChartStyle.TimeAxis(plot);
        plot.YLabel("bytes in flight (bytes)");
        ChartStyle.WholeNumbers(plot.Axes.Left);
        IEnumerable<(DirectionSeries Side, Color Color)> sides = direction == ChartDirection.Both
            ? [(StreamChart.DataSide(series, direction).Data, ChartStyle.Data)]
            : StreamChart.Sides(series, direction);
        bool any = false;
        foreach ((DirectionSeries side, Color color) in sides)
        {
            var x = new List<double>();
            var y = new List<double>();
            for (int i = 0; i < side.Count; i++)
            {
                if (side.Length[i] > 0 && side.BytesInFlight[i] > 0)
                {
                    x.Add(side.Time[i]);
                    y.Add(side.BytesInFlight[i]);
                }
            }
            if (x.Count == 0)
            {
                continue;
            }
            any = true;
            TcptraceChart.Step(plot, x, y, color, $"{side.Name} bytes in flight");
        }
        if (!any)
        {
            ChartStyle.Note(plot, "no bytes in flight in this stream");
        }
    }
}
