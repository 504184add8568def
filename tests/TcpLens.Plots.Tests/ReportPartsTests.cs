using TcpLens.Plots.Report;

namespace TcpLens.Plots.Tests;

public class ReportPartsTests
{
    [Fact]
    public void Inline_svg_loses_its_prolog_and_gets_prefixed_ids_a_view_box_and_a_label()
    {
        const string svg = """<?xml version="1.0" encoding="utf-8" ?><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="900" height="480"><clipPath id="cl_1"><rect width="1" height="1"/></clipPath><g clip-path="url(#cl_1)"><use xlink:href="#cl_1"/></g></svg>""";

        string inline = InlineSvg.Prepare(svg, "s7-rtt", "RTT <chart>");

        Assert.StartsWith("<svg xmlns=", inline, StringComparison.Ordinal);
        Assert.Contains("id=\"s7-rtt-cl_1\"", inline, StringComparison.Ordinal);
        Assert.Contains("url(#s7-rtt-cl_1)", inline, StringComparison.Ordinal);
        Assert.Contains("xlink:href=\"#s7-rtt-cl_1\"", inline, StringComparison.Ordinal);
        Assert.Contains("viewBox=\"0 0 900 480\"", inline, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"RTT &lt;chart&gt;\"", inline, StringComparison.Ordinal);
        Assert.DoesNotContain("<?xml", inline, StringComparison.Ordinal);
    }
}
