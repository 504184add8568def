using TcpLens.Analysis.Sessions;

namespace TcpLens.Analysis.Tests.Sessions;

public sealed class CaptureCoverageTests
{
    [Fact]
    public void InOrderDataHasNoGap()
    {
        var c = new CaptureCoverage();
        c.Acknowledge(1000);
        c.Add(1000, 100);
        c.Add(1100, 100);
        c.Acknowledge(1200);

        Assert.Equal(0, c.Gaps);
        Assert.Equal(0, c.MissedBytes);
    }

    [Fact]
    public void AnAckOverMissingBytesIsOneGap()
    {
        var c = new CaptureCoverage();
        c.Acknowledge(0xFFFF_FF00);      // just below the wrap
        c.Add(0xFFFF_FF00, 0x80);
        c.Add(0x0000_0000, 0x80);        // 0x80 bytes missing before it, across 2^32
        c.Acknowledge(0x0000_0080);

        Assert.Equal(1, c.Gaps);
        Assert.Equal(0x80, c.MissedBytes);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void AgreesWithAByteMapOnRandomTraffic(int seed)
    {
        var random = new Random(seed);
        const uint Base = 0xFFFF_F000;   // the walk crosses 2^32
        var held = new bool[8192];
        var c = new CaptureCoverage();
        c.Acknowledge(Base);
        int acked = 0, gaps = 0;
        long missed = 0;
        for (int step = 0; step < 2000; step++)
        {
            if (random.Next(3) > 0)
            {
                int start = acked + random.Next(-50, 400);
                int length = random.Next(0, 120);
                if (start < 0 || start + length >= held.Length)
                {
                    continue;
                }
                for (int i = start; i < start + length; i++)
                {
                    held[i] = true;
                }
                c.Add(unchecked(Base + (uint)start), (uint)length);
            }
            else
            {
                int ack = Math.Min(held.Length - 1, acked + random.Next(0, 300));
                int missing = 0;
                for (int i = acked; i < ack; i++)
                {
                    missing += held[i] ? 0 : 1;
                }
                if (missing > 0)
                {
                    gaps++;
                    missed += missing;
                }
                acked = Math.Max(acked, ack);
                c.Acknowledge(unchecked(Base + (uint)ack));
            }
        }

        Assert.Equal(gaps, c.Gaps);
        Assert.Equal(missed, c.MissedBytes);
    }
}
