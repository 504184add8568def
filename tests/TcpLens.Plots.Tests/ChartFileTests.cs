using System.Buffers.Binary;
using System.Globalization;
using System.Xml.Linq;
using TcpLens.Analysis;
using TcpLens.Capture.Tests.Support;
using TcpLens.Plots.Charts;
using TcpLens.Plots.Series;

namespace TcpLens.Plots.Tests;

public sealed class ChartFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tcplens-charts-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    internal static StreamSeries Series(string capture, int stream)
    {
        using TcpCapture c = TcpCapture.Open(Path.Combine(TestPaths.TestData, capture));
        return StreamSeries.Collect(c, stream) ?? throw new InvalidOperationException($"{capture} has no stream {stream}");
    }

    public static TheoryData<string, int, string, string> Cases()
    {
        var data = new TheoryData<string, int, string, string>();
        foreach (string kind in PlotKinds.Names)
        {
            data.Add("https-download.pcap", 0, kind, ".png");
            data.Add("https-download.pcap", 0, kind, ".svg");
            data.Add("zero-window-probe.pcap", 0, kind, ".png");
            data.Add("refused.pcap", 0, kind, ".svg"); // a SYN answered by RST: nothing to draw but a note
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_kind_renders_a_valid_image_of_the_size_asked(string capture, int stream, string kind, string extension)
    {
        StreamSeries series = Series(capture, stream);
        string path = Path.Combine(_dir, $"{Path.GetFileNameWithoutExtension(capture)}-{kind}{extension}");

        StreamChart.Save(series, PlotKinds.Parse(kind)!.Value, path, 1000, 600);

        (int width, int height) = extension == ".png" ? PngSize(path) : SvgSize(path);
        Assert.Equal((1000, 600), (width, height));
        Assert.True(new FileInfo(path).Length > 5_000, "a chart with axes, title and legend is more than a few bytes");
    }

    [Fact]
    public void Titles_and_axes_say_what_is_drawn_with_units()
    {
        StreamSeries series = Series("https-download.pcap", 0);
        string svg = StreamChart.Svg(series, PlotKind.Tcptrace);
        Assert.Contains("stream 0: 10.77.1.2:43200 → 10.77.2.2:443", svg, StringComparison.Ordinal);
        Assert.Contains("relative sequence number (bytes)", svg, StringComparison.Ordinal);
        Assert.Contains("time since the stream", svg, StringComparison.Ordinal);
        Assert.Contains("retransmission", svg, StringComparison.Ordinal);
        Assert.Contains("SACK block", svg, StringComparison.Ordinal);
        Assert.Contains("throughput (", StreamChart.Svg(series, PlotKind.Throughput), StringComparison.Ordinal);
        Assert.Contains("ACK RTT (ms)", StreamChart.Svg(series, PlotKind.Rtt), StringComparison.Ordinal);
        Assert.Contains("receive window (bytes)", StreamChart.Svg(series, PlotKind.AckWin), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_neither_png_nor_svg_is_refused()
    {
        StreamSeries series = Series("lossy.pcap", 0);
        var e = Assert.Throws<ArgumentException>(() => StreamChart.Save(series, PlotKind.Seq, Path.Combine(_dir, "chart.jpg")));
        Assert.Contains(".png or .svg", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => StreamChart.Save(series, PlotKind.Seq, Path.Combine(_dir, "chart.png"), 50_000, 600));
    }

    internal static (int Width, int Height) PngSize(string path)
    {
        byte[] head = File.ReadAllBytes(path)[..24];
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, head[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(head, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(head.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(head.AsSpan(20)));
    }

    internal static (int Width, int Height) SvgSize(string path)
    {
        XElement root = XDocument.Load(path).Root!;
        Assert.Equal("svg", root.Name.LocalName);
        return (int.Parse((string)root.Attribute("width")!, CultureInfo.InvariantCulture), int.Parse((string)root.Attribute("height")!, CultureInfo.InvariantCulture));
    }
}
