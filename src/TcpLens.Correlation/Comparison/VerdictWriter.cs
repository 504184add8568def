using System.Globalization;

namespace TcpLens.Correlation.Comparison;

/// <summary>
/// Turns a comparison into a few sentences an engineer can paste into a ticket: what was
/// compared, loss and delay between the points, retransmissions that were not the path's fault,
/// time spent in the endpoints, and which of these explains the slowness.
/// </summary>
internal static class VerdictWriter
{
    // Thresholds for the closing sentence: loss above this share of frames, delay that varies
    // by more than this above its minimum, endpoint time above this and above the path's RTT.
    private const double LossShare = 0.005;
    private const long QueueingNs = 20_000_000;
    private const long SlowEndpointNs = 50_000_000;

    public static List<string> Write(ComparisonResult r)
    {
        var inv = CultureInfo.InvariantCulture;
        var lines = new List<string>();
        DirectionComparison up = r.TotalClientToServer, down = r.TotalServerToClient;
        lines.Add(string.Create(inv,
            $"Compared {Plural(r.Streams.Count, "connection")} seen at both points; {Plural(r.Match.Missing.Count, "client connection attempt")} never reached the server capture, {Plural(r.Match.ServerOnly.Count, "connection")} only in the server capture."));

        long lost = up.Lost + down.Lost;
        lines.Add(lost == 0
            ? string.Create(inv, $"No frame was lost between the capture points ({up.Sent} sent client to server, {down.Sent} server to client).")
            : string.Create(inv, $"Frames lost between the capture points: {up.Lost} of {up.Sent} client to server ({Share(up.Lost, up.Sent)}), {down.Lost} of {down.Sent} server to client ({Share(down.Lost, down.Sent)})."));
        if (up.Resegmented + down.Resegmented > 0)
        {
            lines.Add(string.Create(inv, $"{up.Resegmented + down.Resegmented} data frames reached the other point cut into other segments (TSO/GRO at a capture host, or resegmentation on the path): compared by bytes, not counted as lost."));
        }
        if (up.Unobserved + down.Unobserved > 0)
        {
            lines.Add(string.Create(inv, $"{up.Unobserved + down.Unobserved} frames went in a direction the other capture never shows for their connection (one-sided capture or asymmetric routing): not counted as lost."));
        }
        if (up.Duplicated + down.Duplicated + up.Reordered + down.Reordered > 0)
        {
            lines.Add(string.Create(inv, $"The path duplicated {up.Duplicated + down.Duplicated} and reordered {up.Reordered + down.Reordered} frames (client to server {up.Duplicated}/{up.Reordered}, server to client {down.Duplicated}/{down.Reordered})."));
        }
        long retrans = up.Retransmissions + down.Retransmissions;
        long delivered = up.RetransmissionsOfDelivered + down.RetransmissionsOfDelivered;
        if (retrans > 0)
        {
            lines.Add(string.Create(inv,
                $"The endpoints retransmitted {retrans} frames; {delivered} of them resent frames that had already reached the other point, so those were not lost between the points (a late or lost ACK, or loss beyond the points)."));
        }
        if (up.Delay.Count > 0 || down.Delay.Count > 0)
        {
            lines.Add(string.Create(inv, $"One-way delay between the points: client to server {Delays(up)}; server to client {Delays(down)} (clock offset {r.Match.Clock.Seconds:+0.000000;-0.000000} s removed)."));
        }
        if (r.ServerThink.Count > 0)
        {
            lines.Add(string.Create(inv, $"The server answered {Plural(r.ServerThink.Count, "request")} after a median of {Ms(r.ServerThink.Percentile(0.5))} (p99 {Ms(r.ServerThink.Percentile(0.99))}) at its capture point."));
        }
        if (r.ClientThink.Count > 0)
        {
            lines.Add(string.Create(inv, $"The client sent its next request a median of {Ms(r.ClientThink.Percentile(0.5))} after a response arrived (p99 {Ms(r.ClientThink.Percentile(0.99))})."));
        }
        lines.Add("Verdict: " + Conclude(r));
        return lines;
    }

    private static string Conclude(ComparisonResult r)
    {
        var inv = CultureInfo.InvariantCulture;
        DirectionComparison up = r.TotalClientToServer, down = r.TotalServerToClient;
        if (up.Matched + down.Matched == 0 && r.Match.Missing.Count == 0)
        {
            return "no frame was seen at both points, so the path between them cannot be judged.";
        }
        var causes = new List<string>();
        long sent = up.Sent + down.Sent;
        if (sent > 0 && (up.Lost + down.Lost) >= Math.Max(1, LossShare * sent))
        {
            causes.Add(string.Create(inv, $"the network between the capture points loses frames ({Share(up.Lost + down.Lost, sent)})"));
        }
        if (r.Match.Missing.Count > 0)
        {
            causes.Add(string.Create(inv, $"{Plural(r.Match.Missing.Count, "connection attempt")} dropped between the points (a firewall or an overloaded device)"));
        }
        foreach ((string name, DirectionComparison d) in new[] { ("client to server", up), ("server to client", down) })
        {
            if (d.Delay.Count > 0 && d.Delay.Percentile(0.5) - d.Delay.Min > QueueingNs)
            {
                causes.Add(string.Create(inv, $"{name} delay between the points varies (median {Ms(d.Delay.Percentile(0.5))} over a minimum of {Ms(d.Delay.Min)}): queueing on the path"));
            }
        }
        long pathRtt = (up.Delay.Count > 0 ? Math.Max(0, up.Delay.Min) : 0) + (down.Delay.Count > 0 ? Math.Max(0, down.Delay.Min) : 0);
        if (r.ServerThink.Percentile(0.5) is { } server && server > SlowEndpointNs && server > 2 * pathRtt)
        {
            causes.Add(string.Create(inv, $"the server takes {Ms(server)} (median) to answer, against a round trip of {Ms(pathRtt)} between the points: the server side is slow"));
        }
        if (r.ClientThink.Percentile(0.5) is { } client && client > SlowEndpointNs && client > 2 * pathRtt)
        {
            causes.Add(string.Create(inv, $"the client waits {Ms(client)} (median) before its next request: the client side is slow"));
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

    private static string Plural(long n, string noun) => n.ToString(CultureInfo.InvariantCulture) + " " + noun + (n == 1 ? "" : "s");

    private static string Delays(DirectionComparison d) => d.Delay.Count == 0
        ? "nothing matched"
        : $"min {Ms(d.Delay.Min)}, median {Ms(d.Delay.Percentile(0.5))}, p99 {Ms(d.Delay.Percentile(0.99))}";

    internal static string Ms(long? ns) => ns is { } v ? (v / 1e6).ToString("0.000", CultureInfo.InvariantCulture) + " ms" : "-";

    private static string Share(long part, long whole) => whole == 0 ? "0%" : (100.0 * part / whole).ToString("0.00", CultureInfo.InvariantCulture) + "%";
}
