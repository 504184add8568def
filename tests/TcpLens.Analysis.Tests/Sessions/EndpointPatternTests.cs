using TcpLens.Analysis.Sessions;
using TcpLens.Capture.Decoding;

namespace TcpLens.Analysis.Tests.Sessions;

public sealed class EndpointPatternTests
{
    private static Endpoint E(string text) => Endpoint.Parse(text);

    [Theory]
    [InlineData("10.77.2.2", "10.77.2.2:8080", true)]
    [InlineData("10.77.2.2", "10.77.2.3:8080", false)]
    [InlineData("10.77.2.2:8080", "10.77.2.2:8080", true)]
    [InlineData("10.77.2.2:8080", "10.77.2.2:8081", false)]
    [InlineData(":8080", "192.0.2.1:8080", true)]
    [InlineData(":8080", "[2001:db8::1]:8080", true)]
    [InlineData("10.77.2.0/24", "10.77.2.255:1", true)]
    [InlineData("10.77.2.0/24", "10.77.3.0:1", false)]
    [InlineData("10.77.2.0/24:443", "10.77.2.9:443", true)]
    [InlineData("10.77.2.0/24:443", "10.77.2.9:80", false)]
    [InlineData("0.0.0.0/0", "203.0.113.7:9", true)]
    [InlineData("0.0.0.0/0", "[2001:db8::1]:9", false)]
    [InlineData("2001:db8::1", "[2001:db8::1]:443", true)]
    [InlineData("[2001:db8::1]:443", "[2001:db8::1]:443", true)]
    [InlineData("[2001:db8::1]:443", "[2001:db8::1]:80", false)]
    [InlineData("2001:db8::/32", "[2001:db8:ffff::1]:1", true)]
    [InlineData("[2001:db8::/32]:53", "[2001:db8::5]:53", true)]
    [InlineData("[2001:db8::/32]:53", "[2001:db9::5]:53", false)]
    public void Each_form_matches_what_it_names(string pattern, string endpoint, bool matches)
    {
        Assert.True(EndpointPattern.TryParse(pattern, out EndpointPattern p, out string why), why);

        Assert.Equal(matches, p.Matches(E(endpoint)));
    }

    [Theory]
    [InlineData("10.77.2.2", "10.77.2.2")]
    [InlineData(" 10.77.2.2:80 ", "10.77.2.2:80")]
    [InlineData(":53", ":53")]
    [InlineData("10.77.2.7/24", "10.77.2.0/24")]
    [InlineData("10.0.0.0/8:443", "10.0.0.0/8:443")]
    [InlineData("[2001:db8::1]:443", "[2001:db8::1]:443")]
    [InlineData("2001:db8::/32", "2001:db8::/32")]
    public void A_pattern_prints_as_it_is_written(string text, string printed)
    {
        Assert.True(EndpointPattern.TryParse(text, out EndpointPattern p, out _));

        Assert.Equal(printed, p.ToString());
    }

    [Theory]
    [InlineData("", "the pattern is empty")]
    [InlineData(":", "is not a port")]
    [InlineData("10.77.2.2:65536", "'65536' is not a port")]
    [InlineData("10.77.2.2:http", "'http' is not a port")]
    [InlineData("10.77.2.0/33", "'10.77.2.0/33' is not an address or a network")]
    [InlineData("example.com", "'example.com' is not an address or a network")]
    [InlineData("[2001:db8::1", "an IPv6 address in brackets")]
    [InlineData("[2001:db8::1]x", "an IPv6 address in brackets")]
    public void A_bad_pattern_says_what_is_wrong(string text, string expected)
    {
        Assert.False(EndpointPattern.TryParse(text, out _, out string why));

        Assert.Contains(expected, why, StringComparison.Ordinal);
    }
}
