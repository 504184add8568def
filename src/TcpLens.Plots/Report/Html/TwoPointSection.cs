using System.Globalization;
using System.Text;
using TcpLens.Correlation.Comparison;
using TcpLens.Correlation.Matching;
using static TcpLens.Plots.Report.Html.Text;

namespace TcpLens.Plots.Report.Html;

/// <summary>The results of <c>tcplens compare</c>: clock offset, stream matching, loss and delay between the points, the verdict.</summary>
internal static class TwoPointSection
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Write(StringBuilder html, ReportModel model, TwoPointResults r)
    {
        MatchResult m = r.Match;
        ComparisonResult c = r.Comparison;
        DirectionComparison up = c.TotalClientToServer, down = c.TotalServerToClient;
        html.Append("<section id=\"two-point\"><h2>Two-point comparison</h2>\n");
        Blocks.Note(html, "The capture(s) above as the client side against a capture of the same traffic at the server, frame by frame after matching streams and removing the clock offset, as tcplens compare does. Stream numbers are each capture's own.");
        html.Append("<div class=\"cards\">\n");
        Blocks.Card(html, "Clock offset", m.Clock.Samples == 0 ? "unknown" : m.Clock.Seconds.ToString("+0.000000;-0.000000", Inv) + " s",
            m.Clock.UncertaintyNs is { } u ? "± " + Ms(u) + " ms, server − client" : "server − client");
        Blocks.Card(html, "Matched streams", Count(m.Matched.Count), $"of {Count(m.Client.Streams.Count)} client, {Count(m.Server.Streams.Count)} server");
        Blocks.Card(html, "Client SYNs missing", Count(m.Missing.Count), "never reached the server capture", m.Missing.Count > 0);
        Blocks.Card(html, "Server-only streams", Count(m.ServerOnly.Count), "not in the client capture");
        Blocks.Card(html, "Lost client→server", Count(up.Lost), $"of {Count(up.Sent)} frames", up.Lost > 0);
        Blocks.Card(html, "Lost server→client", Count(down.Lost), $"of {Count(down.Sent)} frames", down.Lost > 0);
        html.Append("</div>\n");
        var facts = new List<(string, string)>
        {
            ("Client capture", E(m.Client.Name) + $", {Count(m.Client.Streams.Count)} streams"),
            ("Server capture", E(r.ServerCapture) + $", {Count(m.Server.Streams.Count)} streams"),
            ("Clock offset", E(ClockLine(m.Clock))),
        };
        facts.AddRange(m.Nat.Select(n => ("Address translation", E($"{n.Role} {n.ClientView} seen as {n.ServerView} in {n.Streams} streams"
            + (n.PortsKept == n.Streams ? ", ports kept" : $", ports changed in {n.Streams - n.PortsKept}")))));
        if (m.Ambiguous.Count > 0)
        {
            facts.Add(("Ambiguous", E($"{m.Ambiguous.Count} client streams with several equally good server candidates (not matched)")));
        }
        if (m.MissingOutsideSpan.Count + m.ServerOnlyOutsideSpan.Count > 0)
        {
            facts.Add(("Outside the other capture's span", E($"{m.MissingOutsideSpan.Count} client attempts, {m.ServerOnlyOutsideSpan.Count} server streams (not counted as missing)")));
        }
        Blocks.Facts(html, facts);

        html.Append("<h3>Verdict</h3>\n<ul class=\"verdict\">\n");
        foreach (string line in c.Verdict)
        {
            html.Append("<li>").Append(E(line)).Append("</li>\n");
        }
        html.Append("</ul>\n<h3>Matched streams</h3>\n");
        StreamTable(c).Write(html);
        if (m.Missing.Count > 0)
        {
            html.Append("<h3>Client SYNs the server capture never saw</h3>\n");
            var missing = new SortableTable("two-point-missing",
                [new("Client streams"), new("Source"), new("Destination"), new("SYNs", true), new("First SYN"), new("Answered")]);
            foreach (MissingSyn s in m.Missing)
            {
                missing.Add(
                [
                    Cell.Of(string.Join(", ", s.ClientStreams)), Cell.Of(s.Source.ToString()), Cell.Of(s.Destination.ToString()),
                    Cell.Count(s.SynCount), Cell.Of(Utc(s.FirstTime)), Cell.Of(s.Answered ? "yes" : "no"),
                ]);
            }
            missing.Write(html);
        }
        if (m.ServerOnly.Count > 0)
        {
            html.Append("<h3>Streams only in the server capture</h3>\n");
            var only = new SortableTable("two-point-server-only", [new("Server stream", true), new("Client"), new("Server"), new("Why unmatched")]);
            foreach (UnmatchedStream s in m.ServerOnly)
            {
                only.Add([Cell.Count(s.Stream.Stream), Cell.Of(s.Stream.Client.ToString()), Cell.Of(s.Stream.Server.ToString()), Cell.Of(s.Reason)]);
            }
            only.Write(html);
        }
        html.Append("</section>\n");
    }

    // As tcplens match prints it.
    private static string ClockLine(ClockOffset clock) => clock.Samples == 0
        ? "unknown (no packet seen at both points); clocks taken as equal"
        : string.Create(Inv, $"{clock.Seconds:+0.000000;-0.000000} s (server − client)")
          + (clock.UncertaintyNs is { } u ? string.Create(Inv, $" ± {u / 1e6:0.000} ms") : "")
          + $" from {clock.Samples} packets ({clock.Source})";

    private static SortableTable StreamTable(ComparisonResult c)
    {
        var table = new SortableTable("two-point-streams",
        [
            new("Client stream", true), new("Server stream", true), new("Client"), new("Server"), new("Matched by"),
            new("Sent c→s", true), new("Lost c→s", true), new("Sent s→c", true), new("Lost s→c", true),
            new("Duplicated", true, "both directions"), new("Reordered", true, "both directions"),
            new("Delay c→s median (ms)", true, "one-way, clock offset removed"), new("Delay c→s p99 (ms)", true),
            new("Delay s→c median (ms)", true), new("Delay s→c p99 (ms)", true),
            new("Retrans.", true, "retransmissions by either endpoint"), new("Of delivered", true, "retransmissions of frames that had reached the other point"),
        ]);
        foreach (StreamComparison s in c.Streams)
        {
            MatchedStream ms = s.Match;
            table.Add(
            [
                Cell.Count(ms.ClientSide.Stream), Cell.Count(ms.ServerSide.Stream),
                Cell.Of(ms.ClientSide.Client.ToString()), Cell.Of(ms.ClientSide.Server.ToString()),
                Cell.Of(ms.Method.Name(), ms.Evidence),
                .. Figures(s.ClientToServer, s.ServerToClient),
            ], $"data-stream=\"{I(ms.ClientSide.Stream)}\"");
        }
        DirectionComparison ou = c.UnmatchedClientToServer, od = c.UnmatchedServerToClient;
        if (ou.Sent + ou.Received + od.Sent + od.Received > 0)
        {
            // connections seen at one point only: with them the rows add up to 'all'
            table.AddFooter([Cell.Of("unmatched"), Cell.Of("unmatched"), Cell.Empty, Cell.Empty, Cell.Empty, .. Figures(ou, od)]);
        }
        table.AddFooter([Cell.Of("all"), Cell.Of("all"), Cell.Empty, Cell.Empty, Cell.Empty, .. Figures(c.TotalClientToServer, c.TotalServerToClient)]);
        return table;
    }

    private static Cell[] Figures(DirectionComparison up, DirectionComparison down) =>
    [
        Cell.Count(up.Sent), Cell.Count(up.Lost), Cell.Count(down.Sent), Cell.Count(down.Lost),
        Cell.Count(up.Duplicated + down.Duplicated), Cell.Count(up.Reordered + down.Reordered),
        Cell.Ms(up.Delay.Percentile(0.5)), Cell.Ms(up.Delay.Percentile(0.99)),
        Cell.Ms(down.Delay.Percentile(0.5)), Cell.Ms(down.Delay.Percentile(0.99)),
        Cell.Count(up.Retransmissions + down.Retransmissions), Cell.Count(up.RetransmissionsOfDelivered + down.RetransmissionsOfDelivered),
    ];
}
