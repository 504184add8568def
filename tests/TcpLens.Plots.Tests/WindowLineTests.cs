using ScottPlot;
using ScottPlot.Plottables;
using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;
using TcpLens.Capture.Decoding;
using TcpLens.Capture.Tests.Support;
using TcpLens.Plots.Charts;
using TcpLens.Plots.Series;

namespace TcpLens.Plots.Tests;

/// <summary>
/// A RST's window field (0 on Linux) is no window advertisement, and Wireshark flags no
/// zero_window on a RST: no chart that draws windows (window, ackwin, tcptrace's receive-window
/// line, and the report's charts, made from the same series) drops to zero at a RST.
/// </summary>
public class WindowLineTests
{
    public static TheoryData<string> Captures() => ["rst-server.pcap", "rst-client.pcap", "https-download.pcap"];

    private static string Data(string name) => Path.Combine(TestPaths.TestData, name);

    // Frame number → (RST?, the analysis's scaled window), from an independent pass.
    private static Dictionary<long, (bool Rst, long Window)> Frames(string capture)
    {
        using TcpCapture c = TcpCapture.Open(Data(capture));
        return c.Packets().Where(p => p.Analysis.Stream == 0)
            .ToDictionary(p => p.Frame, p => (p.Segment.Has(TcpFlags.Rst), p.Analysis.WindowSize));
    }

    private static IEnumerable<DirectionSeries> Sides(StreamSeries s) => [s.ClientToServer, s.ServerToClient];

    [Theory]
    [MemberData(nameof(Captures))]
    public void A_rst_advertises_no_window_and_every_other_frame_its_own(string capture)
    {
        Dictionary<long, (bool Rst, long Window)> frames = Frames(capture);
        Assert.Contains(frames.Values, f => f.Rst && f.Window == 0);
        StreamSeries full = ChartFileTests.Series(capture, 0);
        List<Session> sessions;
        using (TcpCapture c = TcpCapture.Open(Data(capture)))
        {
            sessions = [.. c.Sessions()];
        }
        // the report's charts read the series again with CollectMany: the same rule holds there
        StreamSeries again = StreamSeries.CollectMany([Data(capture)], [sessions[0]])[0];
        foreach (StreamSeries series in new[] { full, again })
        {
            foreach (DirectionSeries side in Sides(series))
            {
                for (int i = 0; i < side.Count; i++)
                {
                    (bool rst, long window) = frames[side.Frame[i]];
                    Assert.Equal(rst ? -1 : window, side.Window[i]);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Window_charts_draw_no_point_for_a_rst(string capture)
    {
        StreamSeries series = ChartFileTests.Series(capture, 0);
        Dictionary<long, (bool Rst, long Window)> frames = Frames(capture);
        HashSet<double> rstTimes = [.. Sides(series).SelectMany(d => Enumerable.Range(0, d.Count).Where(i => frames[d.Frame[i]].Rst).Select(i => d.Time[i]))];
        Assert.NotEmpty(rstTimes);

        foreach (ChartDirection direction in new[] { ChartDirection.Both, ChartDirection.ClientToServer, ChartDirection.ServerToClient })
        {
            foreach (PlotKind kind in new[] { PlotKind.Window, PlotKind.AckWin, PlotKind.Tcptrace })
            {
                List<Scatter> lines = WindowLines(StreamChart.Build(series, kind, direction));
                if (kind != PlotKind.Tcptrace || direction == ChartDirection.Both)
                {
                    Assert.NotEmpty(lines);
                }
                foreach (Scatter line in lines)
                {
                    IReadOnlyList<Coordinates> points = line.Data.GetScatterPoints();
                    Assert.DoesNotContain(points, p => rstTimes.Contains(p.X));
                }
            }
        }
    }

    [Fact]
    public void The_server_window_of_a_reset_connection_never_shows_zero()
    {
        // rst-server.pcap: the server's last frames are a RST/ACK and four bare RSTs, all with window 0;
        // it never advertised a zero window (tshark: no zero_window frame)
        StreamSeries series = ChartFileTests.Series("rst-server.pcap", 0);
        Assert.Equal(0, series.ServerToClient.CountFlags(AnalysisFlags.ZeroWindow));
        Scatter server = Assert.Single(WindowLines(StreamChart.Build(series, PlotKind.Window, ChartDirection.ServerToClient)));
        Assert.All(server.Data.GetScatterPoints(), p => Assert.True(p.Y > 0, $"window {p.Y} at {p.X} s"));
        Assert.Equal(series.ServerToClient.Count - 5, server.Data.GetScatterPoints().Count);
    }

    private static List<Scatter> WindowLines(Plot plot) =>
        [.. plot.GetPlottables().OfType<Scatter>().Where(s => s.LegendText.Contains("window", StringComparison.Ordinal)
            && !s.LegendText.Contains("zero window", StringComparison.Ordinal))];
}
