using System.Buffers.Binary;
using System.Xml.Linq;

namespace TcpLens.Cli.Tests;

public class PlotCommandTests
{
    private static string Data(string name) => Path.Combine(TestFiles.TestData, name);

    public static TheoryData<string> Kinds() => ["tcptrace", "seq", "window", "ackwin", "throughput", "rtt", "inflight"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_kind_writes_a_png_and_an_svg_of_the_size_asked(string kind)
    {
        string dir = TestFiles.TempDir();
        string png = Path.Combine(dir, kind + ".png"), svg = Path.Combine(dir, kind + ".svg");

        CliResult a = CliRunner.Run("plot", Data("https-download.pcap"), "--stream", "0", "--kind", kind, "-o", png, "--width", "800", "--height", "500");
        CliResult b = CliRunner.Run("plot", Data("lossy.pcap"), "--conn", "10.77.2.2:8080-10.77.1.2:53588", "--kind", kind, "-o", svg);

        Assert.Equal(0, a.ExitCode);
        byte[] head = File.ReadAllBytes(png)[..24];
        Assert.Equal("PNG", System.Text.Encoding.ASCII.GetString(head, 1, 3));
        Assert.Equal((800, 500), (BinaryPrimitives.ReadInt32BigEndian(head.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(head.AsSpan(20))));
        Assert.Equal(0, b.ExitCode);
        XElement root = XDocument.Load(svg).Root!;
        Assert.Equal(("1200", "640"), ((string)root.Attribute("width")!, (string)root.Attribute("height")!));
    }

    [Fact]
    public void Bad_requests_are_usage_errors_with_one_line()
    {
        string dir = TestFiles.TempDir();
        string png = Path.Combine(dir, "x.png");
        foreach (string[] args in new[]
        {
            new[] { "plot", Data("lossy.pcap"), "--stream", "0", "--kind", "pie", "-o", png },
            ["plot", Data("lossy.pcap"), "--stream", "99", "--kind", "seq", "-o", png],
            ["plot", Data("lossy.pcap"), "--kind", "seq", "-o", png],
            ["plot", Data("lossy.pcap"), "--stream", "0", "--kind", "seq", "-o", Path.Combine(dir, "x.jpg")],
            ["plot", Data("lossy.pcap"), "--stream", "0", "--kind", "seq", "-o", png, "--width", "5"],
            ["plot", Data("lossy.pcap"), "--conn", "10.77.2.2:1-10.77.1.2:2", "--kind", "seq", "-o", png],
        })
        {
            CliResult r = CliRunner.Run(args);
            Assert.Equal(2, r.ExitCode);
            Assert.True(r.HasNoStackTrace);
            Assert.StartsWith("tcplens: error:", r.ErrLines[0], StringComparison.Ordinal);
        }
        Assert.False(File.Exists(png));
    }

    [Fact]
    public void A_file_that_is_not_a_capture_is_bad_input_and_an_input_is_never_overwritten()
    {
        string dir = TestFiles.TempDir();
        string junk = Path.Combine(dir, "junk.pcap");
        File.WriteAllText(junk, "no capture here");
        CliResult bad = CliRunner.Run("plot", junk, "--stream", "0", "--kind", "seq", "-o", Path.Combine(dir, "x.png"));
        Assert.Equal(1, bad.ExitCode);
        Assert.True(bad.HasNoStackTrace);

        string input = Path.Combine(dir, "capture.svg");
        File.Copy(Data("lossy.pcap"), input);
        CliResult refused = CliRunner.Run("plot", input, "--stream", "0", "--kind", "seq", "-o", input);
        Assert.Equal(2, refused.ExitCode);
        Assert.Equal(File.ReadAllBytes(Data("lossy.pcap")), File.ReadAllBytes(input));
    }
}
