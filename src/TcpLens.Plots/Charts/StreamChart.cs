using ScottPlot;
using TcpLens.Plots.Series;

namespace TcpLens.Plots.Charts;

/// <summary>
/// Draws a <see cref="PlotKind"/> of one stream with ScottPlot: title with the stream and its
/// endpoints, axes with units, a legend; PNG or SVG.
/// </summary>
public static class StreamChart
{
    /// <summary>Default width of a saved chart, in pixels.</summary>
    public const int DefaultWidth = 1200;

    /// <summary>Default height of a saved chart, in pixels.</summary>
    public const int DefaultHeight = 640;

    /// <summary>The chart as a ScottPlot <see cref="Plot"/>, for further styling.</summary>
    public static Plot Build(StreamSeries series, PlotKind kind, ChartDirection direction = ChartDirection.Both)
    {
        ArgumentNullException.ThrowIfNull(series);
        var plot = new Plot();
        Action<Plot, StreamSeries, ChartDirection> draw = kind switch
        {
            PlotKind.Tcptrace => TcptraceChart.Draw,
            PlotKind.Seq => SeqChart.Draw,
            PlotKind.Window => WindowChart.Draw,
            PlotKind.AckWin => AckWindowChart.Draw,
            PlotKind.Throughput => ThroughputChart.Draw,
            PlotKind.Rtt => RttChart.Draw,
            PlotKind.Inflight => InflightChart.Draw,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a plot kind"),
        };
        draw(plot, series, direction);
        plot.Axes.Title.Label.FontSize = 15;
        plot.Legend.FontSize = 12;
        plot.ShowLegend(Alignment.UpperLeft);
        plot.Axes.Margins(0.02, 0.05);
        if (!plot.GetPlottables().Any(p => p is not ScottPlot.Plottables.Annotation))
        {
            // nothing but the note: plain axes from zero, not ScottPlot's empty default of -10 to 10
            plot.Axes.SetLimits(0, 1, 0, 10);
            plot.Axes.SetLimitsY(0, 10, plot.Axes.Right);
        }
        else if (kind is not (PlotKind.Tcptrace or PlotKind.Seq))
        {
            // quantities (windows, rates, delays, bytes) start at zero; sequence numbers need not
            plot.Axes.AutoScale();
            ChartStyle.FromZero(plot, plot.Axes.Left);
            if (kind == PlotKind.AckWin)
            {
                ChartStyle.FromZero(plot, plot.Axes.Right);
            }
        }
        return plot;
    }

    /// <summary>The chart as an SVG document.</summary>
    public static string Svg(StreamSeries series, PlotKind kind, int width = 900, int height = 480, ChartDirection direction = ChartDirection.Both) =>
        Build(series, kind, direction).GetSvgXml(width, height);

    /// <summary>Writes the chart to <paramref name="path"/>: PNG or SVG by its extension.</summary>
    public static void Save(StreamSeries series, PlotKind kind, string path, int width = DefaultWidth, int height = DefaultHeight, ChartDirection direction = ChartDirection.Both)
    {
        ArgumentNullException.ThrowIfNull(path);
        string extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".png" or ".svg"))
        {
            throw new ArgumentException($"{path}: the chart file must end in .png or .svg", nameof(path));
        }
        if (width < 100 || height < 100 || width > 20_000 || height > 20_000)
        {
            throw new ArgumentException($"a chart of {width}×{height} pixels: give 100 to 20000 each way", nameof(width));
        }
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        Write(series, kind, file, svg: extension == ".svg", width, height, direction);
    }

    /// <summary>Writes the chart to <paramref name="output"/> as PNG, or as SVG when <paramref name="svg"/>.</summary>
    public static void Write(StreamSeries series, PlotKind kind, Stream output, bool svg, int width = DefaultWidth, int height = DefaultHeight, ChartDirection direction = ChartDirection.Both)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (width < 100 || height < 100 || width > 20_000 || height > 20_000)
        {
            throw new ArgumentException($"a chart of {width}×{height} pixels: give 100 to 20000 each way", nameof(width));
        }
        Plot plot = Build(series, kind, direction);
        if (svg)
        {
            output.Write(new System.Text.UTF8Encoding(false).GetBytes(plot.GetSvgXml(width, height)));
        }
        else
        {
            output.Write(plot.GetImageBytes(width, height, ImageFormat.Png));
        }
    }

    /// <summary>The side whose data a one-direction chart draws (asked, or the one that sent more payload), and its receiver.</summary>
    internal static (DirectionSeries Data, DirectionSeries Receiver) DataSide(StreamSeries series, ChartDirection direction)
    {
        bool client = direction switch
        {
            ChartDirection.ClientToServer => true,
            ChartDirection.ServerToClient => false,
            _ => series.ClientToServer.PayloadBytes > series.ServerToClient.PayloadBytes,
        };
        return client ? (series.ClientToServer, series.ServerToClient) : (series.ServerToClient, series.ClientToServer);
    }

    /// <summary>The sides a two-direction chart draws, with their colours.</summary>
    internal static IEnumerable<(DirectionSeries Side, Color Color)> Sides(StreamSeries series, ChartDirection direction)
    {
        if (direction != ChartDirection.ServerToClient)
        {
            yield return (series.ClientToServer, ChartStyle.Client);
        }
        if (direction != ChartDirection.ClientToServer)
        {
            yield return (series.ServerToClient, ChartStyle.Server);
        }
    }
}
