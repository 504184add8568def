using TcpLens.Analysis.Sessions;
using TcpLens.Capture.Decoding;

namespace TcpLens.Analysis.Tests.Sessions;

public class ClientRuleTests
{
    private static readonly Endpoint First = Endpoint.Parse("10.0.0.2:443"), Other = Endpoint.Parse("10.0.0.1:51000");

    [Fact]
    public void The_first_syn_names_the_client_whoever_sent_the_first_frame()
    {
        var h = new HandshakeSides();
        Assert.False(h.Note(0, TcpFlags.Ack));
        Assert.True(h.Note(1, TcpFlags.Syn));
        Assert.False(h.Note(0, TcpFlags.Syn));
        Assert.True(h.Note(0, TcpFlags.Syn | TcpFlags.Ack));

        ClientOrientation o = ClientRule.Orient(h, First, Other);

        Assert.Equal(new ClientOrientation(Other, First, ClientChoice.Syn, ClientIsSide0: false), o);
    }

    [Fact]
    public void Without_a_syn_the_receiver_of_the_first_syn_ack_is_the_client()
    {
        var h = new HandshakeSides();
        h.Note(0, TcpFlags.Syn | TcpFlags.Ack);

        Assert.Equal(new ClientOrientation(Other, First, ClientChoice.SynAck, ClientIsSide0: false), ClientRule.Orient(h, First, Other));
    }

    [Fact]
    public void Without_a_handshake_the_well_known_port_is_the_server_and_else_the_first_sender_the_client()
    {
        var none = new HandshakeSides();

        Assert.Equal(new ClientOrientation(Other, First, ClientChoice.Port, ClientIsSide0: false), ClientRule.Orient(none, First, Other));
        Assert.Equal(new ClientOrientation(Other, First, ClientChoice.Port, ClientIsSide0: true), ClientRule.Orient(none, Other, First));
        Endpoint a = Endpoint.Parse("10.0.0.1:5000"), b = Endpoint.Parse("10.0.0.2:6000");
        Assert.Equal(new ClientOrientation(a, b, ClientChoice.FirstPacket, ClientIsSide0: true), ClientRule.Orient(none, a, b));
    }
}
