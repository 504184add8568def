using TcpLens.Capture.Decoding;

namespace TcpLens.Capture.Tests.Decoding;

public class EndpointTests
{
    [Theory]
    [InlineData("10.0.0.1", 443, "10.0.0.1:443")]
    [InlineData("2001:db8::1", 443, "[2001:db8::1]:443")]
    [InlineData("0.0.0.0", 0, "0.0.0.0:0")]
    [InlineData("::1", 65535, "[::1]:65535")]
    public void Text_is_the_address_and_port_as_net_address_writes_them(string address, int port, string text)
    {
        var e = new Endpoint(NetAddress.Parse(address), (ushort)port);

        Assert.Equal(text, e.ToString());
        Assert.Equal(e.Address.ToString(e.Port), e.ToString());
    }

    [Theory]
    [InlineData("10.0.0.1:443")]
    [InlineData("[2001:db8::1]:443")]
    [InlineData("[::1]:0")]
    [InlineData("192.0.2.255:65535")]
    public void Its_own_text_parses_back_to_it(string text)
    {
        Assert.True(Endpoint.TryParse(text, out Endpoint e));
        Assert.Equal(text, e.ToString());
        Assert.Equal(e, Endpoint.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("10.0.0.1")]
    [InlineData("10.0.0.1:")]
    [InlineData(":443")]
    [InlineData("10.0.0.1:65536")]
    [InlineData("10.0.0.1:+1")]
    [InlineData("10.0.0.1: 1")]
    [InlineData("2001:db8::1:443")]
    [InlineData("[2001:db8::1]")]
    [InlineData("[2001:db8::1]443")]
    [InlineData("[10.0.0.1]:443")]
    [InlineData("[2001:db8::1:443")]
    [InlineData("host:443")]
    [InlineData(null)]
    public void Anything_else_does_not_parse(string? text)
    {
        Assert.False(Endpoint.TryParse(text, out Endpoint e));
        Assert.Equal(default, e);
    }

    [Fact]
    public void Endpoints_order_by_address_then_port()
    {
        Endpoint[] sorted =
        [
            Endpoint.Parse("10.0.0.2:80"), Endpoint.Parse("10.0.0.1:443"), Endpoint.Parse("[2001:db8::1]:1"),
            Endpoint.Parse("10.0.0.1:80"),
        ];
        Array.Sort(sorted);

        Assert.Equal(["10.0.0.1:80", "10.0.0.1:443", "10.0.0.2:80", "[2001:db8::1]:1"], sorted.Select(e => e.ToString()));
        Assert.True(Endpoint.Parse("10.0.0.1:80") < Endpoint.Parse("10.0.0.1:443"));
        Assert.True(Endpoint.Parse("10.0.0.2:1") >= Endpoint.Parse("10.0.0.1:443"));
    }

    [Fact]
    public void Equal_endpoints_are_equal_and_hash_alike()
    {
        Endpoint a = Endpoint.Parse("10.0.0.1:443"), b = new(NetAddress.Parse("10.0.0.1"), 443);

        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, a with { Port = 444 });
        Assert.NotEqual(a, a with { Address = NetAddress.Parse("10.0.0.2") });
    }

    [Fact]
    public void Comparing_and_hashing_allocate_nothing()
    {
        Endpoint a = Endpoint.Parse("[2001:db8::1]:443"), b = Endpoint.Parse("[2001:db8::2]:443");
        var set = new HashSet<Endpoint> { a, b };
        Use(a, b, set, 10); // first calls (JIT, type initialisers) may allocate
        long before = GC.GetAllocatedBytesForCurrentThread();
        int n = Use(a, b, set, 1000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.NotEqual(int.MinValue, n);
    }

    private static int Use(Endpoint a, Endpoint b, HashSet<Endpoint> set, int times)
    {
        int n = 0;
        for (int i = 0; i < times; i++)
        {
            n += a.CompareTo(b) + (a == b ? 1 : 0) + (a.Equals(b) ? 1 : 0) + a.GetHashCode() % 2 + (set.Contains(b) ? 1 : 0) + (a < b ? 1 : 0);
        }
        return n;
    }

    [Fact]
    public void A_segment_gives_its_two_endpoints()
    {
        var s = new TcpSegment
        {
            Source = NetAddress.Parse("10.0.0.1"), SourcePort = 51000,
            Destination = NetAddress.Parse("10.0.0.2"), DestinationPort = 80,
        };

        Assert.Equal(Endpoint.Parse("10.0.0.1:51000"), s.SourceEndpoint);
        Assert.Equal(Endpoint.Parse("10.0.0.2:80"), s.DestinationEndpoint);
    }
}
