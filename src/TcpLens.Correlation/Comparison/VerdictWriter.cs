using System.Globalization;
using TcpLens.Correlation.Matching;

namespace TcpLens.Correlation.Comparison;

/// <summary>
/// Turns a comparison into a few sentences an engineer can paste into a ticket: what was
/// compared, loss and delay between the points (and what the delays assume about the clocks),
/// retransmissions that were not the path's fault, time spent in the endpoints, and which of
/// these explains the slowness. Captures given the wrong way round get a warning and no verdict.
/// </summary>
internal static class VerdictWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static List<string> Write(ComparisonResult r, CompareOptions options)
    {
        var lines = new List<string>();
        DirectionComparison up = r.TotalClientToServer, down = r.TotalServerToClient;
        if (r.Order.Reversed)
        {
            // every figure below would describe the path backwards: only what was compared
            lines.Add($"Warning: the captures look given the wrong way round: {r.Order.ReversedEvidence}. The client-side capture comes first: tcplens compare {r.Match.Server.Name} {r.Match.Client.Name}.");
            lines.Add(Compared(r));
            lines.Add("Verdict: none: with the captures the wrong way round, loss and delay between the points cannot be judged; compare them the other way round.");
            return lines;
        }
        lines.Add(Compared(r));
        DirectionComparison ou = r.UnmatchedClientToServer, od = r.UnmatchedServerToClient;
        if (ou.Sent + ou.Received + od.Sent + od.Received > 0)
        {
            lines.Add(string.Create(Inv,
                $"The 'all' row adds the frames of {Plural(r.UnmatchedConnections, "stream")} seen at one point only (row 'unmatched'): {ou.Sent} sent and {ou.Received} received client to server, {od.Sent} sent and {od.Received} received server to client."));
        }
        long lost = up.Lost + down.Lost;
        lines.Add(lost == 0
            ? string.Create(Inv, $"No frame was lost between the capture points ({Judged(up)} sent client to server, {Judged(down)} server to client).")
            : string.Create(Inv, $"Frames lost between the capture points: {up.Lost} of {Judged(up)} client to server ({Share(up.Lost, Judged(up))}), {down.Lost} of {Judged(down)} server to client ({Share(down.Lost, Judged(down))})."));
        if (up.Resegmented + down.Resegmented > 0)
        {
            lines.Add(string.Create(Inv, $"{up.Resegmented + down.Resegmented} data frames reached the other point cut into other segments (TSO/GRO at a capture host, or resegmentation on the path): compared by bytes, not counted as lost."));
        }
        if (up.Unobserved + down.Unobserved > 0)
        {
            lines.Add(string.Create(Inv, $"{up.Unobserved + down.Unobserved} frames went in a direction the other capture never shows for their connection (one-sided capture or asymmetric routing): not counted as lost."));
        }
        long outside = up.OutsideSpanSent + down.OutsideSpanSent + up.OutsideSpanReceived + down.OutsideSpanReceived;
        if (outside > 0)
        {
            lines.Add(string.Create(Inv, $"{outside} frames were sent while the other capture was not running: not comparable, not counted as lost."));
        }
        if (up.Duplicated + down.Duplicated + up.Reordered + down.Reordered > 0)
        {
            lines.Add(string.Create(Inv, $"The path duplicated {up.Duplicated + down.Duplicated} and reordered {up.Reordered + down.Reordered} frames (client to server {up.Duplicated}/{up.Reordered}, server to client {down.Duplicated}/{down.Reordered})."));
        }
        long retrans = up.Retransmissions + down.Retransmissions;
        long delivered = up.RetransmissionsOfDelivered + down.RetransmissionsOfDelivered;
        if (retrans > 0)
        {
            lines.Add(string.Create(Inv,
                $"The endpoints retransmitted {retrans} frames; {delivered} of them resent frames that had already reached the other point, so those were not lost between the points (a late or lost ACK, or loss beyond the points)."));
        }
        if (up.Delay.Count > 0 || down.Delay.Count > 0)
        {
            lines.Add($"One-way delay between the points: client to server {Delays(up)}; server to client {Delays(down)}. {ClockAssumption(r.Match.Clock)}");
            if (!DelaysHold(r, options))
            {
                lines.Add("Some one-way delays are negative beyond the offset's uncertainty: frames arrived before they left, so the clock offset does not hold for the whole capture (a clock drifted or jumped, or the captures are swapped) and the delays are not judged.");
            }
        }
        if (r.ServerThink.Count > 0)
        {
            lines.Add(string.Create(Inv, $"The server answered {Plural(r.ServerThink.Count, "request")} after a median of {Ms(r.ServerThink.Percentile(0.5))} (p99 {Ms(r.ServerThink.Percentile(0.99))}) at its capture point."));
        }
        if (r.ClientThink.Count > 0)
        {
            lines.Add(string.Create(Inv, $"The client sent its next request a median of {Ms(r.ClientThink.Percentile(0.5))} after a response arrived (p99 {Ms(r.ClientThink.Percentile(0.99))})."));
        }
        lines.Add("Verdict: " + Conclude(r, options));
        return lines;
    }

    private static string Compared(ComparisonResult r)
    {
        MatchResult m = r.Match;
        string text = $"Compared {Plural(r.Streams.Count, "connection")} seen at both points; {Plural(m.Missing.Count, "client connection attempt")} never reached the server capture, {Plural(m.ServerOnly.Count, "connection")} only in the server capture";
        int outside = m.MissingOutsideSpan.Count + m.ServerOnlyOutsideSpan.Count;
        if (outside > 0)
        {
            text += $", {Plural(outside, "connection")} outside the other capture's time span";
        }
        if (m.Ambiguous.Count > 0)
        {
            text += $", {Plural(m.Ambiguous.Count, "client stream")} ambiguous (not compared, see 'tcplens match')";
        }
        return text + ".";
    }

    // What the one-way delays rest on: the estimated clock offset and how sure it is.
    private static string ClockAssumption(ClockOffset clock)
    {
        string offset = string.Create(Inv, $"{clock.Seconds:+0.000000;-0.000000} s");
        if (clock.Samples == 0)
        {
            return "They assume the two clocks agree: no packet was seen at both points to estimate the offset.";
        }
        if (clock.LowerNs is null || clock.UpperNs is null)
        {
            return $"They assume a clock offset (server - client) of {offset}, from packets of one direction only, where offset and delay cannot be told apart.";
        }
        if (clock.UncertaintyNs is not { } u)
        {
            return $"They assume a clock offset (server - client) of {offset}: the bounds from the two directions cross (a clock drifted, or the captures are swapped), so the middle of their medians was taken.";
        }
        return string.Create(Inv,
            $"They assume a clock offset (server - client) of {offset} ± {u / 1e6:0.000} ms, estimated from {clock.Samples} packets seen at both points as if the fastest trips took as long each way; a real asymmetry moves delay from one direction to the other by up to that much.");
    }

    private static string Conclude(ComparisonResult r, CompareOptions options)
    {
        DirectionComparison up = r.TotalClientToServer, down = r.TotalServerToClient;
        if (up.Matched + down.Matched == 0 && r.Match.Missing.Count == 0)
        {
            return "no frame was seen at both points, so the path between them cannot be judged.";
        }
        var causes = new List<string>();
        long sent = Judged(up) + Judged(down);
        if (sent > 0 && (up.Lost + down.Lost) >= Math.Max(1, options.LossShare * sent))
        {
            causes.Add(string.Create(Inv, $"the network between the capture points loses frames ({Share(up.Lost + down.Lost, sent)})"));
        }
        if (r.Match.Missing.Count > 0)
        {
            causes.Add(string.Create(Inv, $"{Plural(r.Match.Missing.Count, "connection attempt")} dropped between the points (a firewall or an overloaded device)"));
        }
        foreach ((string name, DirectionComparison d) in new[] { ("client to server", up), ("server to client", down) })
        {
            if (DelaysHold(r, options) && d.Delay.Count > 0 && d.Delay.Percentile(0.5) - d.Delay.Min > options.QueueingNs)
            {
                causes.Add(string.Create(Inv, $"{name} delay between the points varies (median {Ms(d.Delay.Percentile(0.5))} over a minimum of {Ms(d.Delay.Min)}): queueing on the path"));
            }
        }
        long pathRtt = (up.Delay.Count > 0 ? Math.Max(0, up.Delay.Min) : 0) + (down.Delay.Count > 0 ? Math.Max(0, down.Delay.Min) : 0);
        if (r.ServerThink.Percentile(0.5) is { } server && server > options.SlowEndpointNs && server > 2 * pathRtt)
        {
            causes.Add(string.Create(Inv, $"the server takes {Ms(server)} (median) to answer, against a round trip of {Ms(pathRtt)} between the points: the server side is slow"));
        }
        if (r.ClientThink.Percentile(0.5) is { } client && client > options.SlowEndpointNs && client > 2 * pathRtt)
        {
            causes.Add(string.Create(Inv, $"the client waits {Ms(client)} (median) before its next request: the client side is slow"));
        }
        long retrans = up.Retransmissions + down.Retransmissions;
        long delivered = up.RetransmissionsOfDelivered + down.RetransmissionsOfDelivered;
        if (retrans > 0 && delivered * 2 >= retrans && up.Lost + down.Lost == 0)
        {
            causes.Add("retransmissions happen although the frames arrived: look beyond the capture points or at the endpoints' timers");
        }
        return causes.Count == 0
            ? "the path between the capture points is clean (no loss, steady delay); look at the endpoints or beyond the points."
            : string.Join("; ", causes) + ".";
    }

    // A frame cannot arrive before it left: delays below zero by more than the offset's
    // uncertainty (and a margin) mean the offset is wrong for part of the capture.
    private static bool DelaysHold(ComparisonResult r, CompareOptions options)
    {
        long floor = -((r.Match.Clock.UncertaintyNs ?? 0) + options.NegativeDelayMarginNs);
        return (r.TotalClientToServer.Delay.Count == 0 || r.TotalClientToServer.Delay.Min >= floor)
            && (r.TotalServerToClient.Delay.Count == 0 || r.TotalServerToClient.Delay.Min >= floor);
    }

    // Frames sent that could have been seen at the other point: not those sent while it was not
    // capturing, nor in a direction it never shows.
    private static long Judged(DirectionComparison d) => d.Sent - d.OutsideSpanSent - d.Unobserved;

    private static string Plural(long n, string noun) => n.ToString(Inv) + " " + noun + (n == 1 ? "" : "s");

    private static string Delays(DirectionComparison d) => d.Delay.Count == 0
        ? "nothing matched"
        : $"min {Ms(d.Delay.Min)}, median {Ms(d.Delay.Percentile(0.5))}, p99 {Ms(d.Delay.Percentile(0.99))}";

    internal static string Ms(long? ns) => ns is { } v ? (v / 1e6).ToString("0.000", Inv) + " ms" : "-";

    private static string Share(long part, long whole) => whole == 0 ? "0%" : (100.0 * part / whole).ToString("0.00", Inv) + "%";
}
