using System.Globalization;
using System.Net;
using TcpLens.Analysis.Sessions;
using TcpLens.Capture;
using TcpLens.Capture.Decoding;

namespace TcpLens.Cli.Infrastructure;

/// <summary>Parsers for option values: durations, times, endpoints. Each returns false with a message on bad input.</summary>
internal static class ValueParsers
{
    private const string DurationExamples = "300ms, 1.5s, 2m, 1h, 250us or 42ns";

    // the longest duration a signed 64-bit count of nanoseconds holds: about 292 years
    private const decimal MaxNanoseconds = long.MaxValue;

    /// <summary>
    /// A duration with its unit: "300ms", "1.5s", "250us" (or µs), "42ns", "2m", "1h". A bare
    /// number is refused rather than guessed at: "300" could mean seconds or milliseconds.
    /// </summary>
    public static bool TryDuration(string text, out long nanoseconds, out string why)
    {
        ArgumentNullException.ThrowIfNull(text);
        nanoseconds = 0;
        string t = text.Trim();
        // longest suffixes first, so "ms" is not read as "m" or "s"
        (string Unit, long Scale)[] units = [("ns", 1), ("us", 1_000), ("µs", 1_000), ("ms", 1_000_000), ("h", 3_600_000_000_000), ("m", 60_000_000_000), ("s", 1_000_000_000)];
        long? factor = null;
        foreach ((string unit, long scale) in units)
        {
            if (t.EndsWith(unit, StringComparison.OrdinalIgnoreCase))
            {
                factor = scale;
                t = t[..^unit.Length].TrimEnd();
                break;
            }
        }
        bool number = decimal.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal value);
        if (factor is null)
        {
            why = number
                ? $"'{text}' has no unit; give one, as in {DurationExamples}"
                : $"'{text}' is not a duration such as {DurationExamples}";
            return false;
        }
        if (!number)
        {
            why = $"'{text}' is not a duration such as {DurationExamples}";
            return false;
        }
        if (value < 0)
        {
            why = $"'{text}' is negative";
            return false;
        }
        if (value > MaxNanoseconds / factor.Value)
        {
            why = $"'{text}' is longer than tcplens can count (about 292 years)";
            return false;
        }
        nanoseconds = (long)decimal.Round(value * factor.Value);
        why = "";
        return true;
    }

    /// <summary>
    /// A point in time: epoch seconds ("1795486294.5"), an ISO 8601 date-time
    /// ("2026-11-24T10:00:00Z"; without a zone, UTC), or an offset from the capture's first frame
    /// with its unit ("+30s", "+2m").
    /// </summary>
    public static bool TryTime(string text, out Timestamp? absolute, out long? offsetNs, out string why)
    {
        ArgumentNullException.ThrowIfNull(text);
        absolute = null;
        offsetNs = null;
        why = "";
        string t = text.Trim();
        if (t.StartsWith('+'))
        {
            if (TryDuration(t[1..], out long ns, out string durationWhy))
            {
                offsetNs = ns;
                return true;
            }
            why = $"'{text}': an offset from the first frame needs a duration with its unit: {durationWhy}";
            return false;
        }
        if (decimal.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal seconds))
        {
            // the span a 64-bit count of nanoseconds covers either side of 1970 (years 1678 to 2262)
            if (Math.Abs(seconds) > MaxNanoseconds / 1_000_000_000m)
            {
                why = $"'{text}' is out of range: epoch seconds run from -9223372036 to 9223372036 (years 1678 to 2262)";
                return false;
            }
            long whole = (long)decimal.Floor(seconds);
            absolute = new Timestamp(whole, (int)decimal.Round((seconds - whole) * 1_000_000_000m));
            return true;
        }
        if (DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset when))
        {
            long ticks = when.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
            absolute = new Timestamp(ticks / TimeSpan.TicksPerSecond, (int)(ticks % TimeSpan.TicksPerSecond * 100));
            return true;
        }
        why = $"'{text}' is not a time: give epoch seconds, an ISO 8601 time (2026-11-24T10:00:00Z) or an offset from the first frame (+30s)";
        return false;
    }

    /// <summary>An endpoint pattern (<see cref="EndpointPattern.Syntax"/>), the same for every option that takes one.</summary>
    public static bool TryEndpoint(string text, out EndpointPattern endpoint, out string why) =>
        EndpointPattern.TryParse(text, out endpoint, out why);
}
