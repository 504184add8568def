using System.Text;
using static TcpLens.Plots.Report.Html.Text;
using TcpLens.Reports.Overview;

namespace TcpLens.Plots.Report.Html;

/// <summary>The charts of the worst streams, inline SVG, one block per stream.</summary>
internal static class ChartsSection
{
    public static void Write(StringBuilder html, ReportModel model)
    {
        html.Append("<section id=\"charts\"><h2>Charts of the worst streams</h2>\n");
        if (model.Charts.Count == 0)
        {
            Blocks.Note(html, model.Options.Charts == 0 ? "Charts were not asked for (--charts 0)." : "No stream ranks among the worst: nothing to chart.");
            html.Append("</section>\n");
            return;
        }
        Blocks.Note(html, "The worst stream of each ranking in turn. Time runs left to right from the stream's first frame; tcplens plot draws these and the other kinds (throughput, bytes in flight) for any stream.");
        foreach (ChartedStream c in model.Charts)
        {
            int stream = c.Session.Stream;
            html.Append("<section class=\"stream\" id=\"stream-").Append(I(stream)).Append("\" data-stream=\"").Append(I(stream)).Append("\">\n")
                .Append("<h3>Stream ").Append(I(stream)).Append(": ")
                .Append(E($"{c.Session.Client} → {c.Session.Server}")).Append("</h3>\n")
                .Append("<p class=\"note\">").Append(E(string.Join(", ", c.Reasons))).Append(" · ")
                .Append(Blocks.Filter(WiresharkFilter.Stream(stream))).Append("</p>\n<div class=\"charts\">\n");
            foreach (ChartImage image in c.Images)
            {
                // the SVG came from our own chart code and had its ids made unique; it is markup, not text
                html.Append(image.Wide ? "<figure class=\"wide\">" : "<figure>").Append(image.Svg).Append("<figcaption>").Append(E(image.Caption)).Append("</figcaption></figure>\n");
            }
            html.Append("</div></section>\n");
        }
        html.Append("</section>\n");
    }
}
