using ScottPlot;
using TcpLens.Plots.Series;

namespace TcpLens.Plots.Charts;

/// <summary>
/// One side's ACK number (left axis) and advertised receive window (right axis) over time: how fast
/// it took the other side's data and how much room it offered (by default the client, the
/// receiver of a download).
/// </summary>
internal static class AckWindowChart
{
    public static void Draw(Plot plot, StreamSeries series, ChartDirection direction)
    {
        DirectionSeries side = direction == ChartDirection.ServerToClient ? series.ServerToClient : series.ClientToServer;
        plot.Title($"{series.Title}\n{side.Name} ACK number and receive window");
        ChartStyle.TimeAxis(plot);
        var x = new List<double>();
        var ack = new List<double>();
        // a frame without a window advertisement (a RST) has an ACK number but no window point
        var windowX = new List<double>();
        var window = new List<double>();
        for (int i = 0; i < side.Count; i++)
        {
            if (side.Ack[i] >= 0)
            {
                x.Add(side.Time[i]);
                ack.Add(side.Ack[i]);
                if (side.Window[i] >= 0)
                {
                    windowX.Add(side.Time[i]);
                    window.Add(side.Window[i]);
                }
            }
        }
        plot.YLabel($"{side.Name} ACK number (bytes received)");
        ChartStyle.WholeNumbers(plot.Axes.Left);
        plot.Axes.Right.Label.Text = $"{side.Name} receive window (bytes)";
        ChartStyle.WholeNumbers(plot.Axes.Right);
        if (x.Count == 0)
        {
            ChartStyle.Note(plot, $"the {side.Name} sent no ACKs");
            return;
        }
        TcptraceChart.Step(plot, x, ack, ChartStyle.Ack, $"{side.Name} ACK number (left axis)");
        if (windowX.Count > 0)
        {
            var win = TcptraceChart.Step(plot, windowX, window, ChartStyle.Window, $"{side.Name} receive window (right axis)");
            win.Axes.YAxis = plot.Axes.Right;
        }
    }
}
