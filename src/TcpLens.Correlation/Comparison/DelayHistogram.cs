namespace TcpLens.Correlation.Comparison;

/// <summary>
/// Delays in logarithmic buckets 1% wide (below 1 µs: one bucket), so that a direction of a
/// long transfer costs a few hundred counters instead of one number per packet; minimum and
/// maximum are exact, percentiles within 1%. Negative delays (clock estimate error) keep their sign.
/// </summary>
public sealed class DelayHistogram
{
    private static readonly double LogStep = Math.Log(1.01);
    private readonly Dictionary<int, long> _buckets = [];

    /// <summary>Number of delays added.</summary>
    public long Count { get; private set; }

    /// <summary>Smallest delay (ns).</summary>
    public long Min { get; private set; } = long.MaxValue;

    /// <summary>Largest delay (ns).</summary>
    public long Max { get; private set; } = long.MinValue;

    /// <summary>Adds one delay in nanoseconds.</summary>
    public void Add(long ns)
    {
        Count++;
        Min = Math.Min(Min, ns);
        Max = Math.Max(Max, ns);
        int key = Key(ns);
        _buckets[key] = _buckets.GetValueOrDefault(key) + 1;
    }

    /// <summary>Adds every delay of <paramref name="other"/>.</summary>
    public void Add(DelayHistogram other)
    {
        foreach ((int key, long n) in other._buckets)
        {
            _buckets[key] = _buckets.GetValueOrDefault(key) + n;
        }
        Count += other.Count;
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
    }

    /// <summary>The delay below which <paramref name="fraction"/> of the delays lie (ns), null when empty.</summary>
    public long? Percentile(double fraction)
    {
        if (Count == 0)
        {
            return null;
        }
        long rank = (long)Math.Ceiling(fraction * Count);
        long seen = 0;
        foreach ((int key, long n) in _buckets.OrderBy(b => b.Key))
        {
            seen += n;
            if (seen >= Math.Max(rank, 1))
            {
                return Math.Clamp(Value(key), Min, Max);
            }
        }
        return Max;
    }

    private static int Key(long ns)
    {
        long magnitude = Math.Abs(ns);
        int k = magnitude < 1000 ? 0 : 1 + (int)(Math.Log(magnitude / 1000.0) / LogStep);
        return ns < 0 ? -k : k;
    }

    private static long Value(int key)
    {
        if (key == 0)
        {
            return 0;
        }
        double magnitude = 1000.0 * Math.Exp((Math.Abs(key) - 0.5) * LogStep);
        return (long)(key < 0 ? -magnitude : magnitude);
    }
}
