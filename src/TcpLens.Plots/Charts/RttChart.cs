using ScottPlot;
using TcpLens.Plots.Series;

namespace TcpLens.Plots.Charts;

/// <summary>Wireshark's ACK RTT (<c>tcp.analysis.ack_rtt</c>): for each direction's data, the time from a segment to the ACK that covered it.</summary>
internal static class RttChart
{
    public static void Draw(Plot plot, StreamSeries series, ChartDirection direction)
    {
        plot.Title($"{series.Title}\nround-trip time (data to its ACK)");
        ChartStyle.TimeAxis(plot);
        plot.YLabel("ACK RTT (ms)");
        bool any = false;
        foreach ((DirectionSeries data, Color color) in StreamChart.Sides(series, direction))
        {
            // the samples sit on the other side's ACKs
            DirectionSeries acker = data == series.ClientToServer ? series.ServerToClient : series.ClientToServer;
            if (acker.AckRtt.Count == 0)
            {
                continue;
            }
            any = true;
            var points = plot.Add.ScatterPoints(acker.AckRtt.Select(r => r.Time).ToArray(), acker.AckRtt.Select(r => r.Rtt * 1000).ToArray(), color);
            points.MarkerSize = 5;
            points.LegendText = $"{data.Name} data, ACKed by the {acker.Name}";
        }
        if (!any)
        {
            ChartStyle.Note(plot, "no ACK RTT samples in this stream");
        }
    }
}
