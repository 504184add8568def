using TcpLens.Analysis;
using TcpLens.Reports.Explain;
using Rules = TcpLens.Reports.Explain.RetransmissionRules;

namespace TcpLens.Reports.Tests;

/// <summary>Each cause rule at its edges, on hand-made evidence.</summary>
public class RetransmissionRulesTests
{
    private static readonly ExplainOptions Options = ExplainOptions.Default;
    private const long Ms = 1_000_000;

    // a resend of a captured original, 50 ms later, with its own IP ID, nothing prompting it
    private static Rules.Evidence Base() => new(
        Flags: AnalysisFlags.Retransmission, IsSyn: false, OriginalCaptured: true, SinceOriginalNs: 50 * Ms,
        IpIdKnown: true, SameIpId: false, TimestampsKnown: true, SameTimestamp: false, SameLength: true,
        DupAcksBefore: 0, SackBefore: false, SinceTriggerNs: long.MaxValue, IsTail: false, SinceLastSendNs: 50 * Ms,
        EarlierTimeouts: 0, EarlierProbes: 0, InRecovery: false, IntoFullWindow: false,
        AfterAckOfResend: false, SinceAckNs: -1, RoundTripNs: 20 * Ms, TimeoutFloorNs: 200 * Ms);

    [Fact]
    public void A_copy_needs_the_same_ip_id_within_the_copy_window()
    {
        Rules.Evidence copy = Base() with { SameIpId = true, SinceOriginalNs = 4_000 };

        Assert.Equal(RetransmissionCause.PathCopy, Rules.Classify(copy, Options));
        Assert.Equal(RetransmissionCause.PathCopy, Rules.Classify(copy with { SinceOriginalNs = Options.CopyWindowNs }, Options));
        Assert.NotEqual(RetransmissionCause.PathCopy, Rules.Classify(copy with { SinceOriginalNs = Options.CopyWindowNs + 1 }, Options));
        // a new IP ID is a real resend, however soon
        Assert.NotEqual(RetransmissionCause.PathCopy, Rules.Classify(copy with { SameIpId = false }, Options));
        Assert.NotEqual(RetransmissionCause.PathCopy, Rules.Classify(copy with { SameLength = false }, Options));
    }

    [Fact]
    public void Without_ip_ids_the_timestamp_or_a_too_short_time_tells_a_copy()
    {
        Rules.Evidence noIpId = Base() with { IpIdKnown = false, SinceOriginalNs = 10_000 };

        Assert.Equal(RetransmissionCause.PathCopy, Rules.Classify(noIpId with { SameTimestamp = true }, Options));
        Assert.NotEqual(RetransmissionCause.PathCopy, Rules.Classify(noIpId, Options)); // a timestamp that moved: resent
        Rules.Evidence bare = noIpId with { TimestampsKnown = false };
        Assert.Equal(RetransmissionCause.PathCopy, Rules.Classify(bare, Options)); // 0.01 ms < half a 20 ms round trip
        Assert.NotEqual(RetransmissionCause.PathCopy, Rules.Classify(bare with { SinceOriginalNs = 10 * Ms }, Options));
    }

    [Fact]
    public void A_timeout_needs_the_floor_and_repeats_back_off()
    {
        Rules.Evidence late = Base() with { SinceOriginalNs = 200 * Ms };

        Assert.Equal(RetransmissionCause.Timeout, Rules.Classify(late, Options));
        Assert.Equal(RetransmissionCause.Unexplained, Rules.Classify(late with { SinceOriginalNs = 200 * Ms - 1 }, Options));
        // the first repeat is held to the floor (the resend before it may have been a probe), the next to twice it
        Assert.Equal(RetransmissionCause.Timeout, Rules.Classify(late with { EarlierTimeouts = 1 }, Options));
        Assert.Equal(RetransmissionCause.Unexplained, Rules.Classify(late with { EarlierTimeouts = 2, SinceOriginalNs = 399 * Ms }, Options));
        Assert.Equal(RetransmissionCause.Timeout, Rules.Classify(late with { EarlierTimeouts = 2, SinceOriginalNs = 400 * Ms }, Options));
        // the floor follows the connection's own samples when they allow more
        Assert.Equal(RetransmissionCause.Unexplained, Rules.Classify(late with { TimeoutFloorNs = 300 * Ms }, Options));
    }

    [Fact]
    public void Sack_blocks_or_few_duplicate_acks_before_the_timer_make_sack_recovery()
    {
        Rules.Evidence sack = Base() with { SackBefore = true, SinceTriggerNs = 5 * Ms };

        Assert.Equal(RetransmissionCause.SackRecovery, Rules.Classify(sack, Options));
        Assert.Equal(RetransmissionCause.SackRecovery, Rules.Classify(sack with { SackBefore = false, DupAcksBefore = 1 }, Options));
        // a trigger a whole floor earlier no longer explains it: the timer does
        Assert.Equal(RetransmissionCause.Timeout, Rules.Classify(sack with { SinceTriggerNs = 200 * Ms, SinceOriginalNs = 250 * Ms }, Options));
        // Wireshark's fast retransmission keeps its name
        Assert.Equal(RetransmissionCause.Fast, Rules.Classify(sack with { Flags = AnalysisFlags.Retransmission | AnalysisFlags.FastRetransmission }, Options));
    }

    [Fact]
    public void A_tail_loss_probe_is_the_first_timer_resend_of_the_last_segment_outside_recovery()
    {
        Rules.Evidence tlp = Base() with { IsTail = true, SinceLastSendNs = 30 * Ms, SinceOriginalNs = 30 * Ms };

        Assert.Equal(RetransmissionCause.TailLossProbe, Rules.Classify(tlp, Options)); // 1.5 round trips of 20 ms
        Assert.Equal(RetransmissionCause.Unexplained, Rules.Classify(tlp with { SinceLastSendNs = 30 * Ms - 1, SinceOriginalNs = 30 * Ms - 1 }, Options));
        // with one segment outstanding Linux probes a timeout floor later: still the probe
        Assert.Equal(RetransmissionCause.TailLossProbe, Rules.Classify(tlp with { SinceLastSendNs = 240 * Ms, SinceOriginalNs = 240 * Ms }, Options));
        // only one probe, and none during a recovery: then it is the timer
        Assert.Equal(RetransmissionCause.Timeout, Rules.Classify(tlp with { EarlierProbes = 1, SinceOriginalNs = 240 * Ms }, Options));
        Assert.Equal(RetransmissionCause.Timeout, Rules.Classify(tlp with { InRecovery = true, SinceOriginalNs = 240 * Ms }, Options));
        Assert.Equal(RetransmissionCause.Unexplained, Rules.Classify(tlp with { IsTail = false }, Options));
    }

    [Fact]
    public void A_resend_right_after_a_partial_ack_is_recovery_clocked_by_it()
    {
        Rules.Evidence partial = Base() with { AfterAckOfResend = true, SinceAckNs = 20_000, SinceOriginalNs = 300 * Ms };

        Assert.Equal(RetransmissionCause.PartialAck, Rules.Classify(partial, Options)); // not a timeout, though 300 ms late
        Assert.Equal(RetransmissionCause.PartialAck, Rules.Classify(partial with { SinceAckNs = 30 * Ms }, Options)); // 1.5 round trips: receiver-side capture
        Assert.Equal(RetransmissionCause.Timeout, Rules.Classify(partial with { SinceAckNs = 30 * Ms + 1 }, Options));
        Assert.Equal(RetransmissionCause.Timeout, Rules.Classify(partial with { AfterAckOfResend = false }, Options));
    }

    [Fact]
    public void Syns_window_probes_and_spurious_resends_keep_their_own_names()
    {
        Assert.Equal(RetransmissionCause.HandshakeTimer, Rules.Classify(Base() with { IsSyn = true, SinceOriginalNs = 1_000 * Ms }, Options));
        Assert.Equal(RetransmissionCause.WindowProbe, Rules.Classify(Base() with { IntoFullWindow = true, SinceOriginalNs = 300 * Ms }, Options));
        Assert.Equal(RetransmissionCause.Spurious, Rules.Classify(Base() with { Flags = AnalysisFlags.Retransmission | AnalysisFlags.SpuriousRetransmission }, Options));
        // a copy of an acknowledged frame is still a copy (Wireshark calls it spurious)
        Assert.Equal(RetransmissionCause.PathCopy, Rules.Classify(Base() with { Flags = AnalysisFlags.Retransmission | AnalysisFlags.SpuriousRetransmission, SameIpId = true, SinceOriginalNs = 10_000 }, Options));
    }
}
