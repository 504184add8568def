using System.Text;
using TcpLens.Analysis;
using static TcpLens.Plots.Report.Html.Text;
using TcpLens.Reports.Overview;

namespace TcpLens.Plots.Report.Html;

/// <summary>The capture summary: what was read, the headline figures, and any damage met.</summary>
internal static class SummarySection
{
    public static void Write(StringBuilder html, ReportModel model)
    {
        CaptureOverview o = model.Overview;
        AnomalyTotals t = model.Totals;
        html.Append("<section id=\"summary\"><h2>Capture summary</h2>\n");
        if (model.Warnings.Count > 0)
        {
            html.Append("<div class=\"warnings\" id=\"warnings\"><strong>Damaged input: this report covers what could be read.</strong><ul>\n");
            foreach (string w in model.Warnings)
            {
                html.Append("<li>").Append(E(w)).Append("</li>\n");
            }
            html.Append("</ul></div>\n");
        }
        html.Append("<div class=\"cards\">\n");
        Blocks.Card(html, "Sessions", Count(o.Sessions), "TCP connections (tcp.stream)");
        Blocks.Card(html, "TCP frames", Count(o.TcpFrames), $"of {Count(o.Frames)} frames");
        Blocks.Card(html, "Duration", Seconds(o.DurationSeconds) + " s", "first frame to last TCP frame");
        Blocks.Card(html, "Sessions with loss", Count(t.SessionsWithLoss), Percent(t.SessionsWithLoss, t.Sessions) + " of sessions", t.SessionsWithLoss > 0);
        Blocks.Card(html, "Retransmitted frames", Count(t.Frames(AnalysisFlags.Retransmission)),
            $"in {Count(t.SessionsWith(AnalysisFlags.Retransmission))} sessions", t.Frames(AnalysisFlags.Retransmission) > 0);
        // how the first SYN was answered (Session.SynAnswer): a RST or a challenge ACK is an answer
        Blocks.Card(html, "Unanswered attempts", Count(t.Unanswered), "SYNs without any answer", t.Unanswered > 0, "unanswered");
        Blocks.Card(html, "Refused attempts", Count(t.Refused), "SYN answered by a RST", t.Refused > 0, "refused");
        Blocks.Card(html, "Challenge ACKs", Count(t.Challenged), "SYN answered by an RFC 5961 challenge ACK", t.Challenged > 0, "challenged");
        Blocks.Card(html, "Resets", Count(t.ClientResets + t.ServerResets), $"client {Count(t.ClientResets)}, server {Count(t.ServerResets)} sessions");
        Blocks.Card(html, "Median SYN→SYN/ACK", t.SynAckDelayPercentile(0.5) is { } m ? Ms(m) + " ms" : "–", $"{Count(t.Handshakes)} handshakes");
        html.Append("</div>\n");
        var facts = new List<(string, string)>
        {
            (o.Files.Count == 1 ? "File" : "Files (one timeline, in this order)", string.Join("<br>", o.Files.Select(FileLine))),
            ("Format", E(string.Join(", ", o.Formats.Select(f => f.ToString())))),
            ("Frames", $"{Count(o.Frames)} read, {Count(o.TcpFrames)} TCP frames in {Count(o.Sessions)} sessions"),
            ("First frame", o.FirstFrame is { } f ? E(Utc(f)) : "–"),
            ("Last TCP frame", o.LastTcpFrame is { } l ? E(Utc(l)) : "–"),
            ("TCP bytes", $"{E(Bytes(o.TcpWireBytes))} on the wire, {E(Bytes(o.PayloadBytes))} payload (retransmissions included)"),
        };
        Blocks.Facts(html, facts);
        html.Append("</section>\n");
    }

    private static string FileLine(string path)
    {
        string size = File.Exists(path) ? " (" + Bytes(new FileInfo(path).Length) + ")" : "";
        return "<code>" + E(path) + "</code>" + E(size);
    }
}
