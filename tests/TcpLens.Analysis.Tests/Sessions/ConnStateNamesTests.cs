using TcpLens.Analysis.Sessions;

namespace TcpLens.Analysis.Tests.Sessions;

public class ConnStateNamesTests
{
    [Fact]
    public void Every_state_is_named_as_zeek_spells_it_in_the_enum_order()
    {
        Assert.Equal(["S0", "S1", "SF", "REJ", "S2", "S3", "RSTO", "RSTR", "RSTOS0", "RSTRH", "SH", "SHR", "OTH"], ConnStateNames.All);
        Assert.Equal(ConnStateNames.All, Enum.GetValues<ConnState>().Select(ConnStateNames.Name));
        Assert.All(Enum.GetValues<ConnState>(), s => Assert.Equal(s.ToString(), ConnStateNames.Name(s)));
    }

    [Theory]
    [InlineData("SF", ConnState.SF)]
    [InlineData("sf", ConnState.SF)]
    [InlineData("RstoS0", ConnState.RSTOS0)]
    [InlineData("OTH", ConnState.OTH)]
    public void Names_parse_in_any_case(string text, ConnState state)
    {
        Assert.True(ConnStateNames.TryParse(text, out ConnState parsed));
        Assert.Equal(state, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S4")]
    [InlineData("SF ")]
    [InlineData("2")]
    [InlineData(null)]
    public void Other_text_is_no_state(string? text) => Assert.False(ConnStateNames.TryParse(text, out _));

    [Fact]
    public void A_value_outside_the_enum_has_no_name() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ConnStateNames.Name((ConnState)99));
}
