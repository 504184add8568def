using TcpLens.Correlation.Comparison;

namespace TcpLens.Correlation.Tests;

public class DelayHistogramTests
{
    [Fact]
    public void Percentiles_are_within_one_percent_and_extremes_exact()
    {
        var h = new DelayHistogram();
        for (int i = 1; i <= 1000; i++)
        {
            h.Add(i * 1_000_000L); // 1..1000 ms
        }

        Assert.Equal(1_000_000, h.Min);
        Assert.Equal(1_000_000_000, h.Max);
        Assert.InRange(h.Percentile(0.5)!.Value, 495_000_000, 505_000_000);
        Assert.InRange(h.Percentile(0.99)!.Value, 980_000_000, 1_000_000_000);
    }

    [Fact]
    public void Negative_delays_keep_their_sign_and_merging_adds_counts()
    {
        var a = new DelayHistogram();
        a.Add(-2_000_000);
        var b = new DelayHistogram();
        b.Add(3_000_000);
        b.Add(3_000_000);
        a.Add(b);

        Assert.Equal(3, a.Count);
        Assert.Equal(-2_000_000, a.Min);
        Assert.InRange(a.Percentile(0.1)!.Value, -2_020_000, -1_980_000);
        Assert.InRange(a.Percentile(0.5)!.Value, 2_970_000, 3_000_000);
    }

    [Fact]
    public void Empty_has_no_percentile()
    {
        Assert.Null(new DelayHistogram().Percentile(0.5));
    }
}
