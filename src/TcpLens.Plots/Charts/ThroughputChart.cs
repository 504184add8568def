using ScottPlot;
using TcpLens.Plots.Series;

namespace TcpLens.Plots.Charts;

/// <summary>
/// Payload throughput of each direction: bytes sent (<c>tcp.len</c>, retransmissions included) per
/// interval, in bits per second; about 100 intervals over the stream, at least 1 ms each.
/// </summary>
internal static class ThroughputChart
{
    public static void Draw(Plot plot, StreamSeries series, ChartDirection direction)
    {
        double interval = Interval(series.Duration);
        plot.Title($"{series.Title}\nthroughput ({Seconds(interval)} intervals)");
        ChartStyle.TimeAxis(plot);
        var sides = StreamChart.Sides(series, direction).Where(s => s.Side.PayloadBytes > 0).ToList();
        if (sides.Count == 0)
        {
            plot.YLabel("throughput (bit/s)");
            ChartStyle.Note(plot, "no payload in this stream");
            return;
        }
        int bins = (int)Math.Floor(series.Duration / interval) + 1;
        var rates = sides.Select(s =>
        {
            double[] bits = new double[bins];
            for (int i = 0; i < s.Side.Count; i++)
            {
                bits[(int)Math.Min(bins - 1, Math.Floor(s.Side.Time[i] / interval))] += s.Side.Length[i] * 8.0 / interval;
            }
            return bits;
        }).ToList();
        double peak = rates.Max(r => r.Max());
        (double scale, string unit) = peak >= 1e9 ? (1e9, "Gbit/s") : peak >= 1e6 ? (1e6, "Mbit/s") : peak >= 1e3 ? (1e3, "kbit/s") : (1, "bit/s");
        plot.YLabel($"throughput ({unit})");
        double[] x = [.. Enumerable.Range(0, bins).Select(i => i * interval)];
        for (int s = 0; s < sides.Count; s++)
        {
            var line = plot.Add.Scatter(x, [.. rates[s].Select(v => v / scale)], sides[s].Color);
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.MarkerSize = 0;
            line.LineWidth = 1.5f;
            line.LegendText = $"{sides[s].Side.Name} → {(sides[s].Side == series.ClientToServer ? "server" : "client")}";
        }
    }

    // A round interval giving about 100 of them over the stream.
    internal static double Interval(double duration)
    {
        double raw = Math.Max(duration / 100, 0.001);
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double step = new[] { 1.0, 2, 5, 10 }.First(m => m * magnitude >= raw) * magnitude;
        return step;
    }

    private static string Seconds(double s) => s >= 1 ? $"{s:0.###} s" : $"{s * 1000:0.###} ms";
}
