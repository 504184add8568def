using TcpLens.Analysis;

namespace TcpLens.Reports.Explain;

/// <summary>
/// One pure predicate per cause of a resend, each on the evidence it needs; thresholds come from
/// <see cref="ExplainOptions"/>. <see cref="Classify"/> applies them in order, most specific first.
/// </summary>
internal static class RetransmissionRules
{
    /// <summary>The evidence about one resend.</summary>
    internal readonly record struct Evidence(
        AnalysisFlags Flags,
        bool IsSyn,
        bool OriginalCaptured,
        long SinceOriginalNs,
        bool IpIdKnown,
        bool SameIpId,
        bool TimestampsKnown,
        bool SameTimestamp,
        bool SameLength,
        int DupAcksBefore,
        bool SackBefore,
        long SinceTriggerNs,
        bool IsTail,
        long SinceLastSendNs,
        int EarlierTimeouts,
        int EarlierProbes,
        bool InRecovery,
        bool IntoFullWindow,
        bool AfterAckOfResend,
        long SinceAckNs,
        long RoundTripNs,
        long TimeoutFloorNs);

    /// <summary>
    /// The same frame twice, within the copy window and with the same length: the sender's IP ID
    /// (a per-packet counter: a real resend gets a new one) repeated; without IP IDs, the TCP
    /// timestamp repeated; without either, sooner than half a round trip, too soon to answer
    /// anything the receiver said.
    /// </summary>
    public static bool IsPathCopy(in Evidence e, ExplainOptions o) =>
        e.OriginalCaptured && e.SameLength && e.SinceOriginalNs >= 0 && e.SinceOriginalNs <= o.CopyWindowNs
        && (e.IpIdKnown ? e.SameIpId
            : e.TimestampsKnown ? e.SameTimestamp
            : e.RoundTripNs > 0 && e.SinceOriginalNs < e.RoundTripNs / 2);

    /// <summary>Wireshark's spurious retransmission: the receiver had acknowledged those bytes.</summary>
    public static bool IsSpurious(in Evidence e) => (e.Flags & AnalysisFlags.SpuriousRetransmission) != 0;

    /// <summary>Wireshark's fast retransmission: duplicate ACKs came just before it.</summary>
    public static bool IsFast(in Evidence e) => (e.Flags & AnalysisFlags.FastRetransmission) != 0;

    /// <summary>A SYN or SYN/ACK again: the connect timer.</summary>
    public static bool IsHandshakeTimer(in Evidence e) => e.IsSyn;

    /// <summary>
    /// Sent into a full or closed window (the previous data filled it, the receiver advertises
    /// zero, or these bytes first went out that way): the timer's probe, or bytes the receiver
    /// could not take yet, not a loss.
    /// </summary>
    public static bool IsWindowProbe(in Evidence e) => e.IntoFullWindow;

    /// <summary>
    /// At least the timeout floor after the previous transmission (checked after the causes with
    /// a visible trigger). Each further timeout of the same bytes waits twice as long (exponential
    /// back-off); the first repeat is only held to the floor, since the resend before it may have
    /// been a tail-loss probe (which times out like an RTO when one segment is outstanding, and
    /// does not back the timer off).
    /// </summary>
    public static bool IsTimeout(in Evidence e)
    {
        long floor = e.TimeoutFloorNs << Math.Clamp(e.EarlierTimeouts - 1, 0, 6);
        return e.SinceOriginalNs >= floor;
    }

    /// <summary>
    /// Right after the receiver's ACK of an earlier resend moved the ACK forward but not past these
    /// bytes (a partial ACK): within a round trip and a half of it (the capture point may sit at
    /// the receiver's end), recovery clocked by that ACK.
    /// </summary>
    public static bool IsAfterPartialAck(in Evidence e) =>
        e.AfterAckOfResend && e.SinceAckNs >= 0 && e.SinceAckNs <= Math.Max(2_000_000, e.RoundTripNs * 3 / 2);

    /// <summary>After the receiver said later data had arrived (SACK blocks or duplicate ACKs), before a timeout could fire.</summary>
    public static bool IsSackRecovery(in Evidence e) => HasTrigger(e) && e.SinceTriggerNs < e.TimeoutFloorNs;

    /// <summary>
    /// The last segment the sender had sent, again, the first time a timer resends it, outside a
    /// recovery from an earlier loss (probes are sent only then), with nothing from the receiver prompting it and at least <see cref="ExplainOptions.TailLossProbeMinRtts"/>
    /// round trips after the sender's last data. Linux and Windows probe about two round trips
    /// after the last send, or, with a single segment outstanding, a timeout floor later: the probe
    /// then replaces the first timeout, so its timing alone does not tell them apart.
    /// </summary>
    public static bool IsTailLossProbe(in Evidence e, ExplainOptions o) =>
        e.IsTail && !HasTrigger(e) && !e.InRecovery && e.EarlierProbes == 0 && e.EarlierTimeouts == 0 && e.RoundTripNs > 0
        && e.SinceLastSendNs >= (long)(o.TailLossProbeMinRtts * e.RoundTripNs);

    private static bool HasTrigger(in Evidence e) => e.DupAcksBefore > 0 || e.SackBefore;

    /// <summary>The cause, the most specific rule first.</summary>
    public static RetransmissionCause Classify(in Evidence e, ExplainOptions o)
    {
        if (IsPathCopy(e, o))
        {
            return RetransmissionCause.PathCopy;
        }
        if (IsHandshakeTimer(e))
        {
            return RetransmissionCause.HandshakeTimer;
        }
        if (IsSpurious(e))
        {
            return RetransmissionCause.Spurious;
        }
        if (IsFast(e))
        {
            return RetransmissionCause.Fast;
        }
        if (IsWindowProbe(e))
        {
            return RetransmissionCause.WindowProbe;
        }
        if (IsAfterPartialAck(e))
        {
            return RetransmissionCause.PartialAck;
        }
        if (IsSackRecovery(e))
        {
            return RetransmissionCause.SackRecovery;
        }
        if (IsTailLossProbe(e, o))
        {
            return RetransmissionCause.TailLossProbe;
        }
        return IsTimeout(e) ? RetransmissionCause.Timeout : RetransmissionCause.Unexplained;
    }
}
