using TcpLens.Correlation.Matching;

namespace TcpLens.Correlation.Tests;

public class ClockOffsetTests
{
    private const long Ms = 1_000_000;

    [Fact]
    public void Offset_is_the_middle_of_the_tightest_bounds()
    {
        // server clock 505 ms ahead, 5 ms each way at best: bounds 510 (client to server) and 500 (back)
        var up = new List<(long, long)> { (0, 510 * Ms), (100 * Ms, 615 * Ms) };
        var down = new List<(long, long)> { (30 * Ms, 520 * Ms), (200 * Ms, 700 * Ms) };
        ClockOffset c = ClockOffset.Estimate(up, down, "test");

        Assert.Equal(510 * Ms, c.UpperNs);
        Assert.Equal(500 * Ms, c.LowerNs);
        Assert.Equal(505 * Ms, c.OffsetNs);
        Assert.Equal(5 * Ms, c.UncertaintyNs);
    }

    [Fact]
    public void A_wrongly_paired_packet_does_not_set_a_bound()
    {
        var up = Enumerable.Range(0, 20).Select(i => ((long)i * 10 * Ms, (i * 10 + 1000 + 20) * Ms)).ToList();
        up.Add((0, 300 * Ms)); // 700 ms away from the others: a copy of another packet
        var down = Enumerable.Range(0, 20).Select(i => ((long)(i * 10 + 20) * Ms, (i * 10 + 1000) * Ms)).ToList();
        ClockOffset c = ClockOffset.Estimate(up, down, "test");

        Assert.Equal(1000 * Ms, c.OffsetNs);
    }

    [Fact]
    public void One_direction_near_zero_is_taken_as_synchronised_clocks()
    {
        ClockOffset c = ClockOffset.Estimate([(0, 26 * Ms)], [], "test");

        Assert.Equal(0, c.OffsetNs);
        Assert.Contains("one direction", c.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void One_direction_far_from_zero_keeps_its_bound()
    {
        ClockOffset c = ClockOffset.Estimate([(0, -17_300 * Ms)], [], "test");

        Assert.Equal(-17_300 * Ms, c.OffsetNs);
    }

    [Fact]
    public void No_evidence_is_unknown()
    {
        Assert.Same(ClockOffset.Unknown, ClockOffset.Estimate([], [], "test"));
    }
}
