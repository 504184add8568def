using ScottPlot;
using ScottPlot.Plottables;
using TcpLens.Analysis;
using TcpLens.Plots.Series;

namespace TcpLens.Plots.Charts;

/// <summary>
/// tcptrace's time-sequence graph of one direction's data: each segment a bar from its first to
/// one past its last byte, the receiver's ACK line and receive-window line (ACK + window) as steps,
/// SACK blocks as bars beside them; retransmissions red, out-of-order segments cyan, and the
/// frames Wireshark found a gap before (lost_segment) marked.
/// </summary>
internal static class TcptraceChart
{
    public static void Draw(Plot plot, StreamSeries series, ChartDirection direction)
    {
        (DirectionSeries data, DirectionSeries receiver) = StreamChart.DataSide(series, direction);
        plot.Title($"{series.Title}\ntime-sequence graph (tcptrace), {data.Name} → {receiver.Name} data");
        ChartStyle.TimeAxis(plot);
        plot.YLabel("relative sequence number (bytes)");
        ChartStyle.WholeNumbers(plot.Axes.Left);

        var ackX = new List<double>();
        var ackY = new List<double>();
        // the window line has no point where the receiver advertised no window (a RST)
        var winX = new List<double>();
        var winY = new List<double>();
        for (int i = 0; i < receiver.Count; i++)
        {
            if (receiver.Ack[i] >= 0)
            {
                ackX.Add(receiver.Time[i]);
                ackY.Add(receiver.Ack[i]);
                if (receiver.Window[i] >= 0)
                {
                    winX.Add(receiver.Time[i]);
                    winY.Add(receiver.Ack[i] + receiver.Window[i]);
                }
            }
        }
        if (ackX.Count > 0)
        {
            Step(plot, ackX, ackY, ChartStyle.Ack, $"ACK ({receiver.Name})");
        }
        if (winX.Count > 0)
        {
            Step(plot, winX, winY, ChartStyle.Window, $"receive window ({receiver.Name}: ACK + window)");
        }
        if (receiver.Sack.Count > 0)
        {
            Bars(plot, [.. receiver.Sack.Select(s => s.Time)], [.. receiver.Sack.Select(s => (double)s.Left)], [.. receiver.Sack.Select(s => (double)s.Right)],
                ChartStyle.Sack, $"SACK block ({receiver.Name})");
        }
        // data last, so retransmissions stay visible over the receiver's lines
        Segments(plot, data, f => (f & (AnalysisFlags.Retransmission | AnalysisFlags.FastRetransmission | AnalysisFlags.SpuriousRetransmission | AnalysisFlags.OutOfOrder)) == 0,
            ChartStyle.Data, "data segment");
        Segments(plot, data, f => (f & (AnalysisFlags.Retransmission | AnalysisFlags.FastRetransmission | AnalysisFlags.SpuriousRetransmission)) != 0,
            ChartStyle.Retransmission, "retransmission");
        Segments(plot, data, f => (f & AnalysisFlags.OutOfOrder) != 0 && (f & (AnalysisFlags.Retransmission | AnalysisFlags.FastRetransmission | AnalysisFlags.SpuriousRetransmission)) == 0,
            ChartStyle.OutOfOrder, "out of order");

        var lostX = new List<double>();
        var lostY = new List<double>();
        for (int i = 0; i < data.Count; i++)
        {
            if ((data.Flags[i] & AnalysisFlags.LostSegment) != 0)
            {
                lostX.Add(data.Time[i]);
                lostY.Add(data.Seq[i]);
            }
        }
        if (lostX.Count > 0)
        {
            Scatter marks = plot.Add.ScatterPoints(lostX.ToArray(), lostY.ToArray(), ChartStyle.Lost);
            marks.MarkerShape = MarkerShape.Eks;
            marks.MarkerSize = 12;
            marks.LegendText = "gap before (lost segment)";
        }
        if (data.PayloadBytes == 0 && ackX.Count == 0)
        {
            ChartStyle.Note(plot, "no data and no ACKs in this stream");
        }
    }

    private static void Segments(Plot plot, DirectionSeries data, Func<AnalysisFlags, bool> which, Color color, string legend)
    {
        var x = new List<double>();
        var low = new List<double>();
        var high = new List<double>();
        for (int i = 0; i < data.Count; i++)
        {
            if (data.Length[i] > 0 && which(data.Flags[i]))
            {
                x.Add(data.Time[i]);
                low.Add(data.Seq[i]);
                high.Add(data.Seq[i] + data.Length[i]);
            }
        }
        if (x.Count > 0)
        {
            Bars(plot, [.. x], [.. low], [.. high], color, legend);
        }
    }

    // Vertical bars from low to high at each x, drawn as error bars around the middle (small caps, as tcptrace draws them).
    internal static void Bars(Plot plot, double[] x, double[] low, double[] high, Color color, string legend)
    {
        double[] middle = [.. low.Zip(high, (l, h) => (l + h) / 2)];
        double[] half = [.. low.Zip(high, (l, h) => (h - l) / 2)];
        var bars = new ErrorBar(x, middle, null, null, half, half)
        {
            Color = color,
            LineWidth = 1.5f,
            CapSize = 3,
            LegendText = legend,
        };
        plot.Add.Plottable(bars);
    }

    internal static Scatter Step(Plot plot, List<double> x, List<double> y, Color color, string legend)
    {
        Scatter line = plot.Add.Scatter(x.ToArray(), y.ToArray(), color);
        line.ConnectStyle = ConnectStyle.StepHorizontal;
        line.MarkerSize = x.Count < 50 ? 5 : 0; // a few values (or one) would be invisible as a bare step line
        line.LineWidth = 1.5f;
        line.LegendText = legend;
        return line;
    }
}
