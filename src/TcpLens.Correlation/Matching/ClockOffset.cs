using TcpLens.Capture;

namespace TcpLens.Correlation.Matching;

/// <summary>
/// The server capture's clock minus the client capture's clock. A packet client to server gives
/// an upper bound (it cannot arrive before it left), one server to client a lower bound; the
/// estimate is the middle of the tightest bounds, as NTP does, which assumes the fastest trips
/// took as long both ways. <see cref="UncertaintyNs"/> is half the gap between the bounds.
/// </summary>
public sealed record ClockOffset(long OffsetNs, long? LowerNs, long? UpperNs, int Samples, string Source)
{
    /// <summary>No evidence: the clocks are taken to agree.</summary>
    public static ClockOffset Unknown { get; } = new(0, null, null, 0, "none");

    /// <summary>Half the width of the bounds, when both exist and agree.</summary>
    public long? UncertaintyNs => LowerNs is { } lo && UpperNs is { } hi && lo <= hi ? (hi - lo) / 2 : null;

    /// <summary>Offset in seconds.</summary>
    public double Seconds => OffsetNs / 1e9;

    /// <summary>A server capture time expressed on the client capture's clock.</summary>
    public long ToClientClock(Timestamp serverTime) => serverTime.TotalNanoseconds - OffsetNs;

    /// <summary>
    /// Estimates the offset from packets seen at both points: <paramref name="clientToServer"/> and
    /// <paramref name="serverToClient"/> hold (client time, server time) in nanoseconds.
    /// </summary>
    public static ClockOffset Estimate(IReadOnlyList<(long Client, long Server)> clientToServer,
        IReadOnlyList<(long Client, long Server)> serverToClient, string source)
    {
        if (clientToServer.Count == 0 && serverToClient.Count == 0)
        {
            return Unknown;
        }
        // A pair matched wrongly (crafted or repeated packets) would set a bound on its own:
        // differences far from their direction's median are left out first.
        long[] up = Inliers(clientToServer), down = Inliers(serverToClient);
        long? upper = up.Length > 0 ? up.Min() : null;
        long? lower = down.Length > 0 ? down.Max() : null;
        int samples = up.Length + down.Length;
        if (upper is { } hi && lower is { } lo)
        {
            if (lo <= hi)
            {
                return new ClockOffset(lo + (hi - lo) / 2, lo, hi, samples, source);
            }
            // Bounds that cross mean a clock drifted or delays changed a lot: fall back to the
            // middle of the two medians.
            long mid = (up[up.Length / 2] + down[down.Length / 2]) / 2;
            return new ClockOffset(mid, lo, hi, samples, source + " (bounds cross: medians)");
        }
        // One direction only: offset and delay cannot be told apart. When the bound allows
        // synchronised clocks (a non-negative delay within a second) they are assumed; otherwise
        // the bound itself is the best guess.
        bool zeroFits = upper is { } u ? u is >= 0 and < 1_000_000_000 : lower is { } l && l is <= 0 and > -1_000_000_000;
        return zeroFits
            ? new ClockOffset(0, lower, upper, samples, source + " (one direction only; consistent with synchronised clocks)")
            : new ClockOffset(upper ?? lower!.Value, lower, upper, samples, source + " (one direction only: offset includes the one-way delay)");
    }

    // Server minus client times, sorted, without those more than 5 median absolute deviations
    // (at least 10 ms) from the median.
    private static long[] Inliers(IReadOnlyList<(long Client, long Server)> pairs)
    {
        long[] d = [.. pairs.Select(p => p.Server - p.Client).Order()];
        if (d.Length < 3)
        {
            return d;
        }
        long median = d[d.Length / 2];
        long[] deviations = [.. d.Select(x => Math.Abs(x - median)).Order()];
        long limit = Math.Max(10_000_000, 5 * deviations[deviations.Length / 2]);
        return [.. d.Where(x => Math.Abs(x - median) <= limit)];
    }
}
