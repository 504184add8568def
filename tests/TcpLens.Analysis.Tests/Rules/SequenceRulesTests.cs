using TcpLens.Analysis.Rules;

namespace TcpLens.Analysis.Tests.Rules;

/// <summary>Each rule of docs/wireshark-tcp-rules.md §6 on its own, at its edges.</summary>
public sealed class SequenceRulesTests
{
    [Theory]
    [InlineData(1, 100u, 100u, 0u, true)]
    [InlineData(2, 100u, 100u, 0u, false)]    // two bytes: not a probe
    [InlineData(1, 101u, 100u, 0u, false)]    // not at the next sequence number
    [InlineData(1, 100u, 100u, 5u, false)]    // the window is open
    public void ZeroWindowProbe(int seglen, uint seq, uint next, uint peerWindow, bool expected) =>
        Assert.Equal(expected, SequenceRules.IsZeroWindowProbe(seglen, seq, next, peerWindow));

    [Theory]
    [InlineData(200u, 100u, false, true)]
    [InlineData(100u, 100u, false, false)]
    [InlineData(200u, 0u, false, false)]      // nothing sent yet
    [InlineData(200u, 100u, true, false)]     // RST is never "lost"
    [InlineData(5u, 0xFFFF_FFF0u, false, true)] // across 2^32
    public void LostSegment(uint seq, uint next, bool rst, bool expected) =>
        Assert.Equal(expected, SequenceRules.IsLostSegment(seq, next, rst));

    [Theory]
    [InlineData(0, 99u, 100u, false, true)]
    [InlineData(1, 99u, 100u, false, true)]
    [InlineData(2, 99u, 100u, false, false)]
    [InlineData(0, 99u, 100u, true, false)]
    public void KeepAlive(int seglen, uint seq, uint next, bool synFinRst, bool expected) =>
        Assert.Equal(expected, SequenceRules.IsKeepAlive(seglen, seq, next, synFinRst));

    [Theory]
    [InlineData(0u, 100u, false, true)]
    [InlineData(0u, 100u, true, false)]
    [InlineData(5u, 100u, false, false)]
    public void ZeroWindow(uint window, uint unused, bool synFinRst, bool expected)
    {
        _ = unused;
        Assert.Equal(expected, SequenceRules.IsZeroWindow(window, synFinRst));
    }

    [Fact]
    public void WindowUpdateNeedsANewNonZeroWindowAndNothingElseChanged()
    {
        Assert.True(SequenceRules.IsWindowUpdate(0, 2000, 1000, 10, 10, 50, 50, false));
        Assert.False(SequenceRules.IsWindowUpdate(0, 1000, 1000, 10, 10, 50, 50, false)); // same window: a dup ACK
        Assert.False(SequenceRules.IsWindowUpdate(0, 0, 1000, 10, 10, 50, 50, false));    // zero: a zero window
        Assert.False(SequenceRules.IsWindowUpdate(0, 2000, 1000, 10, 10, 51, 50, false)); // the ACK moved
        Assert.False(SequenceRules.IsWindowUpdate(1, 2000, 1000, 10, 10, 50, 50, false)); // carries data
    }

    [Fact]
    public void WindowFullUsesThePeersScaleOnceItsFirstAckIsSeen()
    {
        // peer acked 1000 with window 10 << 7 = 1280: data up to 2280 fills it
        Assert.True(SequenceRules.IsWindowFull(280, 2000, false, 7, false, 1000, 10));
        Assert.False(SequenceRules.IsWindowFull(279, 2000, false, 7, false, 1000, 10));
        Assert.False(SequenceRules.IsWindowFull(280, 2000, false, -1, false, 1000, 10));  // scale unknown
        Assert.True(SequenceRules.IsWindowFull(10, 1000, false, 7, true, 1000, 10));      // first ACK: unscaled
        Assert.True(SequenceRules.IsWindowFull(10, 1000, false, -2, false, 1000, 10));    // no scaling
    }

    [Fact]
    public void AckRepeatsAreKeepAliveAcksZeroWindowProbeAcksOrDuplicates()
    {
        bool repeats = SequenceRules.RepeatsLastAck(0, 10, 10, 50, 50, false);
        Assert.True(repeats);
        Assert.False(SequenceRules.RepeatsLastAck(0, 10, 10, 51, 50, false));
        Assert.True(SequenceRules.IsKeepAliveAck(repeats, 1000, 1000, AnalysisFlags.KeepAlive));
        Assert.False(SequenceRules.IsKeepAliveAck(repeats, 1000, 1000, AnalysisFlags.None));
        Assert.True(SequenceRules.IsDuplicateAck(repeats, 1000, 1000));
        Assert.False(SequenceRules.IsDuplicateAck(repeats, 2000, 1000));
        Assert.True(SequenceRules.IsZeroWindowProbeAck(0, 0, 0, 10, 10, 51, 50, AnalysisFlags.ZeroWindowProbe, false)); // took the probe byte
        Assert.False(SequenceRules.IsZeroWindowProbeAck(0, 0, 0, 10, 10, 52, 50, AnalysisFlags.ZeroWindowProbe, false));
        Assert.False(SequenceRules.IsZeroWindowProbeAck(0, 0, 0, 10, 10, 50, 50, AnalysisFlags.ZeroWindow, false));
    }

    [Fact]
    public void AckedUnseenDataNeedsAnAckBeyondWhatThePeerSent()
    {
        Assert.True(SequenceRules.AcksUnseenData(true, 2000, 1000));
        Assert.False(SequenceRules.AcksUnseenData(true, 1000, 1000));
        Assert.False(SequenceRules.AcksUnseenData(false, 2000, 1000));
        Assert.False(SequenceRules.AcksUnseenData(true, 2000, 0));
        Assert.True(SequenceRules.AcksUnseenData(true, 10, 0xFFFF_FF00));  // across 2^32
    }

    [Fact]
    public void SpuriousWhenThePeerHadAcknowledgedEveryByte()
    {
        Assert.True(SequenceRules.IsSpuriousRetransmission(100, 1000, 1100));
        Assert.False(SequenceRules.IsSpuriousRetransmission(100, 1000, 1099));
        Assert.False(SequenceRules.IsSpuriousRetransmission(0, 1000, 1100));
        Assert.True(SequenceRules.IsSpuriousRetransmission(0x20, 0xFFFF_FFF0, 0x10));
    }

    [Fact]
    public void FastRetransmissionRules()
    {
        const long Window = 20_000_000;
        Assert.True(SequenceRules.IsFastRetransmissionByDupAcks(19_999_999, Window, 2, 2, 500, 500));
        Assert.False(SequenceRules.IsFastRetransmissionByDupAcks(20_000_000, Window, 2, 2, 500, 500));
        Assert.False(SequenceRules.IsFastRetransmissionByDupAcks(1, Window, 1, 2, 500, 500));
        Assert.False(SequenceRules.IsFastRetransmissionByDupAcks(1, Window, 3, 2, 500, 600));
        uint[] left = [100, 300], right = [200, 400];
        Assert.True(SequenceRules.IsFastRetransmissionBySack(2, 2, left, right, 200, 300));   // in no block
        Assert.False(SequenceRules.IsFastRetransmissionBySack(2, 2, left, right, 120, 180));  // SACKed
        Assert.False(SequenceRules.IsFastRetransmissionBySack(1, 2, left, right, 200, 300));
        Assert.False(SequenceRules.IsFastRetransmissionBySack(2, 2, [], [], 200, 300));
    }
}
