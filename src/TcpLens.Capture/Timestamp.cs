using System.Globalization;

namespace TcpLens.Capture;

/// <summary>
/// A capture timestamp as Wireshark keeps it: whole seconds since the epoch plus nanoseconds.
/// Nanoseconds are not normalised, because Wireshark shows a pcap record whose microsecond
/// field is out of range (1 000 000 or more) as it is rather than carrying into the seconds.
/// </summary>
public readonly record struct Timestamp(long Seconds, int Nanoseconds) : IComparable<Timestamp>
{
    /// <summary>Nanoseconds since the epoch (normalised); wraps outside the years 1678..2262, see <see cref="ExactNanoseconds"/>.</summary>
    public long TotalNanoseconds => unchecked(Seconds * 1_000_000_000L + Nanoseconds);

    /// <summary>Nanoseconds since the epoch without overflow, even for the absurd times of damaged files.</summary>
    public Int128 ExactNanoseconds => (Int128)Seconds * 1_000_000_000 + Nanoseconds;

    /// <summary>Seconds since the epoch as a double (about microsecond precision for present-day times).</summary>
    public double TotalSeconds => Seconds + Nanoseconds / 1e9;

    /// <summary>Compares by the instant each timestamp stands for.</summary>
    public int CompareTo(Timestamp other) => ExactNanoseconds.CompareTo(other.ExactNanoseconds);

    /// <summary>Difference in seconds between two timestamps.</summary>
    public static double operator -(Timestamp a, Timestamp b) => (double)(a.ExactNanoseconds - b.ExactNanoseconds) / 1e9;

    /// <summary><c>frame.time_epoch</c> as tshark prints it: seconds, a dot and nine digits (before 1970 with a minus sign).</summary>
    public override string ToString()
    {
        Int128 total = ExactNanoseconds;
        Int128 magnitude = Int128.Abs(total);
        (Int128 secs, Int128 nanos) = Int128.DivRem(magnitude, 1_000_000_000);
        return string.Create(CultureInfo.InvariantCulture, $"{(total < 0 ? "-" : "")}{secs}.{(long)nanos:D9}");
    }

    /// <summary>The instant of a <see cref="DateTime"/> (taken as UTC unless it says it is local).</summary>
    public static Timestamp FromDateTime(DateTime value)
    {
        long ticks = (value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value).Ticks - DateTime.UnixEpoch.Ticks;
        long seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out long rest);
        if (rest < 0)
        {
            seconds--;
            rest += TimeSpan.TicksPerSecond;
        }
        return new Timestamp(seconds, (int)(rest * 100));
    }

    /// <summary>The timestamp as a UTC <see cref="DateTimeOffset"/> (100 ns resolution).</summary>
    public DateTimeOffset ToDateTimeOffset() =>
        DateTimeOffset.UnixEpoch.AddTicks(TotalNanoseconds / 100);

    /// <summary>Earlier than.</summary>
    public static bool operator <(Timestamp left, Timestamp right) => left.CompareTo(right) < 0;

    /// <summary>Earlier than or equal.</summary>
    public static bool operator <=(Timestamp left, Timestamp right) => left.CompareTo(right) <= 0;

    /// <summary>Later than.</summary>
    public static bool operator >(Timestamp left, Timestamp right) => left.CompareTo(right) > 0;

    /// <summary>Later than or equal.</summary>
    public static bool operator >=(Timestamp left, Timestamp right) => left.CompareTo(right) >= 0;
}
