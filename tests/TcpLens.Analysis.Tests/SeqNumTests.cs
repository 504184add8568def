namespace TcpLens.Analysis.Tests;

public class SeqNumTests
{
    [Theory]
    [InlineData(1u, 2u)]
    [InlineData(0xFFFFFFF0u, 0x10u)]          // across the wrap at 2^32
    [InlineData(0x7FFFFFFFu, 0xFFFFFFFEu)]    // just under half the space apart
    public void Comparisons_follow_serial_number_arithmetic(uint earlier, uint later)
    {
        var a = new SeqNum(earlier);
        var b = new SeqNum(later);
        Assert.True(a < b);
        Assert.True(b > a);
        Assert.True(a <= b);
        Assert.False(a >= b);
        Assert.True(SeqNum.Distance(b, a) > 0);
    }

    [Fact]
    public void Addition_wraps_at_two_to_the_32()
    {
        Assert.Equal(new SeqNum(5), new SeqNum(0xFFFFFFFB) + 10);
        Assert.Equal(new SeqNum(0xFFFFFFFB), new SeqNum(5) - 10);
        Assert.Equal(10, SeqNum.Distance(new SeqNum(5), new SeqNum(0xFFFFFFFB)));
    }
}
