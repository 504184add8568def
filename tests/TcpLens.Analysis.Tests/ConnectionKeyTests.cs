using TcpLens.Analysis.Streams;
using TcpLens.Capture.Decoding;

namespace TcpLens.Analysis.Tests;

public class ConnectionKeyTests
{
    private static readonly NetAddress A = NetAddress.Parse("10.0.0.1");
    private static readonly NetAddress B = NetAddress.Parse("10.0.0.2");

    [Fact]
    public void Both_directions_give_the_same_key_and_opposite_direction_bits()
    {
        var ab = ConnectionKey.Create(A, 40000, B, 80, out bool abFromLow);
        var ba = ConnectionKey.Create(B, 80, A, 40000, out bool baFromLow);
        Assert.Equal(ab, ba);
        Assert.Equal(ab.GetHashCode(), ba.GetHashCode());
        Assert.NotEqual(abFromLow, baFromLow);
    }

    [Fact]
    public void Keys_differ_by_any_field_even_when_hashes_could_collide()
    {
        var k = ConnectionKey.Create(A, 40000, B, 80, out _);
        Assert.NotEqual(k, ConnectionKey.Create(A, 40001, B, 80, out _));
        Assert.NotEqual(k, ConnectionKey.Create(A, 40000, B, 81, out _));
        Assert.NotEqual(k, ConnectionKey.Create(A, 40000, NetAddress.Parse("10.0.0.3"), 80, out _));
        Assert.NotEqual(k, ConnectionKey.Create(NetAddress.Parse("::ffff:10.0.0.1"), 40000, NetAddress.Parse("2001::2"), 80, out _));
    }

    [Fact]
    public void Same_address_both_ends_orders_by_port()
    {
        var k = ConnectionKey.Create(A, 5000, A, 4000, out bool fromLow);
        Assert.False(fromLow);
        Assert.Equal(4000, k.LowPort);
    }
}
