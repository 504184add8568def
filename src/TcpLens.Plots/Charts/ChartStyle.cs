using System.Globalization;
using ScottPlot;

namespace TcpLens.Plots.Charts;

/// <summary>Colours and axis formats shared by the charts, so every chart reads the same way.</summary>
internal static class ChartStyle
{
    public static readonly Color Client = Color.FromHex("#1f77b4");
    public static readonly Color Server = Color.FromHex("#2ca02c");
    public static readonly Color Data = Color.FromHex("#1f3a93");
    public static readonly Color Ack = Color.FromHex("#2ca02c");
    public static readonly Color Window = Color.FromHex("#b8860b");
    public static readonly Color Sack = Color.FromHex("#9b59b6");
    public static readonly Color Retransmission = Color.FromHex("#d62728");
    public static readonly Color Lost = Color.FromHex("#ff7f0e");
    public static readonly Color OutOfOrder = Color.FromHex("#17becf");
    public static readonly Color ZeroWindow = Color.FromHex("#d62728");

    /// <summary>Whole numbers with thousands separators (byte counts, sequence numbers).</summary>
    public static void WholeNumbers(IAxis axis)
    {
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            IntegerTicksOnly = true,
            LabelFormatter = v => v.ToString("#,0", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>
    /// Starts a vertical axis at zero: a window, a rate or a delay read against an axis that
    /// starts elsewhere looks far larger or smaller than it is, and zero windows vanish.
    /// </summary>
    public static void FromZero(Plot plot, IYAxis axis)
    {
        AxisLimits limits = plot.Axes.GetLimits(plot.Axes.Bottom, axis);
        double top = double.IsFinite(limits.Top) && limits.Top > 0 ? limits.Top * 1.05 : 1;
        plot.Axes.SetLimitsY(0, top, axis);
    }

    /// <summary>Seconds since the stream's first frame on the horizontal axis.</summary>
    public static void TimeAxis(Plot plot) => plot.XLabel("time since the stream's first frame (s)");

    /// <summary>A chart with nothing to draw still says why, instead of an empty frame.</summary>
    public static void Note(Plot plot, string text)
    {
        var note = plot.Add.Annotation(text, Alignment.MiddleCenter);
        note.LabelFontSize = 16;
    }
}
