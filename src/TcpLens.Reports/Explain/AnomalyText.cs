using static TcpLens.Reports.Explain.Words;

namespace TcpLens.Reports.Explain;

/// <summary>
/// One line per episode: its frames, then what each kind of event in it was and the evidence for
/// its cause. The line names the episode's whole frame range, so every anomalous frame in it is named.
/// </summary>
internal static class AnomalyText
{
    /// <summary>What the lines quote about the connection: its round trip, its timeout floor, the stream before it on the same ports.</summary>
    internal readonly record struct Timing(long RoundTripNs, long TimeoutFloorNs, Analysis.Sessions.Session? PreviousOnPorts = null);

    /// <summary>
    /// The line of one episode. <paramref name="said"/> holds the explanations already given on
    /// earlier lines: each "why" is told in full the first time only, so a long list stays short.
    /// </summary>
    public static string Line(AnomalyGroup g, Timing t, HashSet<string> said)
    {
        string Why(string key, string text) => said.Add(key) ? text : "";
        string x = g.DataC2S ? "client" : "server", y = g.DataC2S ? "server" : "client";
        var clauses = new List<string>();
        foreach (KindStats k in g.Kinds)
        {
            clauses.Add(Clause(k, x, y, t, Why));
        }
        string closing = g.Family switch
        {
            AnomalyFamily.Window when g.Find(AnomalyKind.WindowFull) is not null || g.Find(AnomalyKind.ZeroWindow) is not null
                => "; the transfer waited on the receiver, not on the network",
            AnomalyFamily.Idle => $"; the connection was idle and the {x} checked the {y} was still there",
            _ => "",
        };
        string episodes = g.Episodes > 1 ? $" ({N(g.Episodes)} episodes)" : "";
        return Cap(FrameSpan(g.FirstFrame, g.LastFrame)) + episodes + ": " + string.Join("; ", clauses) + closing + ".";
    }

    private static string Clause(KindStats k, string x, string y, Timing t, Func<string, string, string> why) => k.Kind switch
    {
        AnomalyKind.Lost => Lost(k, x, y),
        AnomalyKind.OutOfOrder => $"{Count(k.Count, "segment")} of the {x} came after later ones (out of order{ListedIn(k)}){Seq(k)}",
        AnomalyKind.AckedUnseen => AckedUnseen(k, x, y, why),
        AnomalyKind.DuplicateAck => $"the {y} sent {Count(k.Count, "duplicate ACK")}{Sack(k)} for seq {N(k.FirstAck)}{(k.SameAck ? "" : " and later ones")}{Listed(k)}" + why("dup", $": it was receiving data after a hole in the {x}'s bytes"),
        AnomalyKind.FastRetransmission => $"the {x} resent {Segments(k)}{Listed(k)} after {DupAcks(k)}: fast retransmission, {After(k)}{Wireshark(k, why)}",
        AnomalyKind.SackRecovery => $"the {x} resent {Segments(k)}{Listed(k)} {After(k)}, once the {y}'s SACK blocks{(k.TriggerMax > 0 ? $" ({DupAcks(k)})" : "")} showed later data had arrived: SACK/RACK-based recovery" + why("sack", ", without the three duplicate ACKs classic fast retransmit waits for") + Wireshark(k, why),
        AnomalyKind.PartialAck => $"the {x} resent {Segments(k)}{Listed(k)} {After(k)}, right after the {y}'s ACK of an earlier resend stopped short of these bytes{Wireshark(k, why)}: recovery clocked by a partial ACK" + why("partial", " (NewReno, RACK, or the slow start after a timeout)"),
        AnomalyKind.TailLossProbe => $"the {x} resent its last segment{(k.Count > 1 ? "s" : "")} ({Count(k.Count, "time")}, {SeqOnly(k)}{ListedIn(k)}) {After(k)} with no ACK from the {y} in between: {(k.Count == 1 ? "a tail-loss probe" : "tail-loss probes")}" + why("tlp", $" (sent about two round trips after the last data, or a timeout floor later when it is the only segment outstanding; the round trip here is {Ms(t.RoundTripNs)})"),
        AnomalyKind.Timeout => $"the {x} resent {Segments(k)}{Listed(k)} {After(k)}{Wireshark(k, why)}, at least the timeout floor ({Ms(k.FloorNs)} here): {(k.Count == 1 ? "a retransmission timeout" : "retransmission timeouts")} (RTO)" + why("rto", "; no SACK or duplicate ACK prompted it, and each repeat of the same bytes waits twice as long"),
        AnomalyKind.Unexplained => $"the {x} resent {Segments(k)}{Listed(k)} {After(k)}{Wireshark(k, why)}, sooner than any retransmission timer ({Ms(k.FloorNs)}) and with no duplicate ACK or SACK in the capture: the trigger is not visible" + why("unexplained", " (a tail-loss probe or RACK timer, or ACKs lost beyond the capture point)"),
        AnomalyKind.Spurious => Spurious(k, x, y, why),
        AnomalyKind.DSack => $"the {y} answered the duplicate data with {Count(k.Count, "duplicate ACK")}{(k.WithSack > 0 ? " (D-SACK)" : "")}{Listed(k)}: nothing was missing",
        AnomalyKind.PathCopy => Copies(k, x),
        AnomalyKind.SynRetransmission => $"the client sent its SYN again{Times(k)} ({FramesOf(k)}), {After(k, "first SYN")}: the connect timer, as no SYN/ACK came back in time",
        AnomalyKind.SynAckRetransmission => $"the server sent its SYN/ACK again{Times(k)} ({FramesOf(k)}): the client's ACK was late or lost",
        AnomalyKind.ReusedPorts => t.PreviousOnPorts is { } before
            ? $"the SYN reused the ports of stream {N(before.Stream)} (frames {N(before.FirstFrame)}–{N(before.LastFrame)}, closed by {Analysis.Sessions.ClosedByNames.Name(before.ClosedBy)}; Wireshark starts a new stream here)"
            : $"a new SYN reused the ports of an earlier connection in the capture ({FramesOf(k)}; Wireshark starts a new stream here)",
        AnomalyKind.WindowFull => $"the {x}'s data filled the {y}'s receive window{Times(k)}{Listed(k)}",
        AnomalyKind.WindowProbe => $"the {x} resent {Segments(k)}{Listed(k)} {After(k)}, bytes that first went into the {y}'s full or closed window: {(k.Count == 1 ? "a window probe" : "window probes")} by its timer (the receiver could not take them yet), not a loss",
        AnomalyKind.ZeroWindow => ZeroWindows(k, y, why),
        AnomalyKind.ZeroWindowProbe => $"the {x} sent {Count(k.Count, "zero-window probe")}{Listed(k)}",
        AnomalyKind.ZeroWindowProbeAck => $"the {y} answered {Count(k.Count, "probe")} with its window still closed{Listed(k)}",
        AnomalyKind.WindowUpdate => $"the {y} opened its window further{Times(k)} (window update{(k.Count > 1 ? "s" : "")}{ListedIn(k)})",
        AnomalyKind.KeepAlive => $"{Count(k.Count, "keep-alive probe")} from the {x}{Listed(k)}",
        AnomalyKind.KeepAliveAck => $"{Count(k.Count, "answer")} from the {y}{Listed(k)}",
        _ => k.Kind.ToString(),
    };

    private static string Lost(KindStats k, string x, string y)
    {
        var parts = new List<string>(2);
        int unsized = k.Count - k.SizedGaps;
        if (k.SizedGaps > 0)
        {
            string what = k.SizedGaps == 1 && k.Count == 1
                ? $"{Bytes(k.Bytes)} of the {x}'s data (seq {N(k.SeqLow)}–{N(k.SeqHigh)}) were missing when frame {N(k.FirstFrame)} arrived"
                : $"{Count(k.SizedGaps, "gap")} in the {x}'s data ({Bytes(k.Bytes)}, seq {N(k.SeqLow)}–{N(k.SeqHigh)}, before {FramesOf(k)})";
            parts.Add(what + Fates(k, y));
        }
        if (unsized > 0)
        {
            string why = k.AfterProbe == unsized ? $", each right after a zero-window probe, whose byte Wireshark does not count as sent" : "";
            parts.Add($"Wireshark marks {Count(unsized, $"{x} segment")} 'previous segment not captured'{(k.SizedGaps == 0 ? $" ({FramesOf(k)})" : "")}, but the capture holds every byte before {(unsized == 1 ? "it" : "them")}{why}: nothing is missing");
        }
        return string.Join("; ", parts);
    }

    // How the gaps were settled: resent (loss before the capture point), filled by the original
    // arriving late (reordering), acknowledged without passing (the capture missed them), or not.
    private static string Fates(KindStats k, string y)
    {
        var fates = new List<string>(4);
        bool single = k.SizedGaps == 1;
        if (k.Repaired > 0)
        {
            string which = k.Repaired == k.SizedGaps ? (single ? "lost before the capture point and resent" : "all lost before the capture point and resent") : $"{N(k.Repaired)} lost before the capture point and resent";
            string when = k.Repaired > 1 ? $" {DurationRange(k.RepairMin, k.RepairMax)} later (the slowest repair {Ms(k.RepairMax)}, frame {N(k.SlowestRepairFrame)})" : $" {Ms(k.RepairMax)} later (frame {N(k.SlowestRepairFrame)})";
            fates.Add(which + when);
        }
        if (k.MissedByCapture > 0)
        {
            string which = k.MissedByCapture == k.SizedGaps ? (single ? "the" : "all were") : N(k.MissedByCapture) + " were";
            fates.Add($"{(single ? "it was" : which)} acknowledged by the {y} without a resend: the capture point missed {(k.MissedByCapture == 1 ? "that frame" : "those frames")}, the network delivered {(k.MissedByCapture == 1 ? "it" : "them")}");
        }
        if (k.FilledLate > 0)
        {
            fates.Add($"{(single ? "it was" : k.FilledLate == k.SizedGaps ? "all were" : N(k.FilledLate) + " were")} filled by the original arriving late (an older IP ID or timestamp than the segment after it): reordering, not loss");
        }
        if (k.FilledUnclear > 0)
        {
            fates.Add($"{(single ? "it was" : N(k.FilledUnclear) + " were")} filled by a segment that may be the original arriving late or an early resend (no IP ID or timestamp tells)");
        }
        int open = k.SizedGaps - k.Repaired - k.MissedByCapture - k.FilledLate - k.FilledUnclear;
        if (open > 0)
        {
            fates.Add($"{(single ? "it was" : N(open) + " were")} never resent in the capture");
        }
        return fates.Count == 0 ? "" : ": " + string.Join(", ", fates);
    }

    private static string DupAcks(KindStats k) => k.TriggerMax < 0 ? "duplicate ACKs"
        : k.TriggerMin == k.TriggerMax ? Count(k.TriggerMax, "duplicate ACK") : $"{N(k.TriggerMin)}–{N(k.TriggerMax)} duplicate ACKs";

    // Wireshark's name for resends it did not flag as retransmissions
    // Wireshark's name for resends it did not flag as retransmissions, told in full the first time
    private static string Wireshark(KindStats k, Func<string, string, string> why)
    {
        if (k.FlaggedOutOfOrder == 0)
        {
            return "";
        }
        string some = k.FlaggedOutOfOrder == k.Count ? (k.Count == 1 ? "it" : "them") : N(k.FlaggedOutOfOrder) + " of them";
        string full = $" (Wireshark calls {some} out of order; {(k.FlaggedOutOfOrder == 1 ? "its" : "their")} IP ID or timestamp is newer than the segment after the gap, so {(k.FlaggedOutOfOrder == 1 ? "it was" : "they were")} sent again)";
        string told = why("ooo-resend", full);
        return told.Length > 0 ? told : $" (Wireshark: out of order{(k.FlaggedOutOfOrder == k.Count ? "" : $", {N(k.FlaggedOutOfOrder)} of them")})";
    }

    private static string AckedUnseen(KindStats k, string x, string y, Func<string, string, string> why)
    {
        var parts = new List<string>(2);
        int missed = k.Count - k.NothingMissing;
        if (missed > 0)
        {
            parts.Add($"the {y} acknowledged {x} data the capture never showed ({Count(missed, "ACK")}{ListedIn(k)})" + why("unseen", ": the capture point missed those frames, the network delivered them"));
        }
        if (k.NothingMissing > 0)
        {
            parts.Add($"Wireshark marks {Count(k.NothingMissing, $"{y} ACK")} 'ACKed unseen segment'{(missed == 0 ? $" ({FramesOf(k)})" : "")}, but the capture holds every byte {(k.NothingMissing == 1 ? "it acknowledges" : "they acknowledge")}: nothing is missing");
        }
        return string.Join("; ", parts);
    }

    private static string Spurious(KindStats k, string x, string y, Func<string, string, string> why)
    {
        var timers = new List<string>(2);
        if (k.SpuriousTimeouts > 0)
        {
            timers.Add($"{(k.SpuriousTimeouts == k.Count ? (k.Count == 1 ? "its" : "their") : N(k.SpuriousTimeouts) + " by the")} retransmission timer (at least the {Ms(k.FloorNs)} floor after the previous send)");
        }
        if (k.SpuriousProbes > 0)
        {
            timers.Add($"{(k.SpuriousProbes == k.Count ? (k.Count == 1 ? "a" : "") : N(k.SpuriousProbes))} tail-loss probe{(k.SpuriousProbes > 1 ? "s" : "")}");
        }
        string sentBy = timers.Count > 0 ? $"; sent by {string.Join(" and ", timers)}, so the {y}'s ACKs had not reached the {x}" : "";
        string what = k.Count == 1 ? "a spurious retransmission" : "spurious retransmissions";
        return $"the {x} resent {Segments(k)}{Listed(k)} that the {y} had already acknowledged, {After(k)}{sentBy}: {what}" + why("spurious", " (the ACKs were late, or lost beyond the capture point)");
    }

    private static string Copies(KindStats k, string x)
    {
        string id = k.ExampleIpId >= 0 ? $"same IP ID {N(k.ExampleIpId)} and bytes" : "same bytes and timestamp";
        if (k.Count == 1)
        {
            return $"frame {N(k.FirstFrame)} is a second copy of frame {N(k.ExampleOriginal)} ({Ms(k.DelayMin)} later, {id}): a copy made on the path or by the capture, not a resend by the {x}";
        }
        return $"{Count(k.Count, "frame")} ({FramesOf(k)}) are second copies of an earlier frame, {DurationRange(k.DelayMin, k.DelayMax)} later with its IP ID and bytes (the first: frame {N(k.FirstFrame)} of frame {N(k.ExampleOriginal)}): copies made on the path or by the capture, not resends by the {x}";
    }

    private static string ZeroWindows(KindStats k, string y, Func<string, string, string> why)
    {
        string closures = k.Closures > 0 && k.Closures != k.Count ? $" ({N(k.Count)} ACKs in {Count(k.Closures, "closure")})" : Times(k);
        string text = $"the {y} advertised a zero window{closures}{Listed(k)}" + why("zero", ": its receive buffer was full because its application did not read fast enough");
        if (k.Extra > 0)
        {
            text += $"; it reopened {DurationRange(k.DelayMin, k.DelayMax)} later";
        }
        long never = Math.Max(k.Closures, 1) - k.Extra;
        return never > 0 ? text + $"{(k.Extra > 0 ? ", " : "; ")}{(k.Extra == 0 ? "it" : N(never))} never reopened in the capture" : text;
    }

    private static string Segments(KindStats k) =>
        k.Count == 1 ? (k.HasRange ? $"seq {N(k.SeqLow)}–{N(k.SeqHigh)}" : "a segment")
        : $"{Count(k.Count, "segment")}{(k.HasRange ? $" (seq {N(k.SeqLow)}–{N(k.SeqHigh)}, {Bytes(k.Bytes)})" : "")}";

    private static string SeqOnly(KindStats k) => k.HasRange ? $"seq {N(k.SeqLow)}–{N(k.SeqHigh)}" : "no data";

    private static string Seq(KindStats k) => k.HasRange ? $", seq {N(k.SeqLow)}–{N(k.SeqHigh)}" : "";

    private static string After(KindStats k, string what = "original")
    {
        if (!k.HasDelay)
        {
            return "(its original is not in the capture)";
        }
        string since = k.OriginalsUncaptured == k.Count ? "the gap showed in the capture"
            : k.Repeats == k.Count ? "the previous send"
            : k.Repeats > 0 ? $"the {what} or the previous send" : $"the {what}";
        return $"{DurationRange(k.DelayMin, k.DelayMax)} after {since}";
    }

    private static string Times(KindStats k) => k.Count == 1 ? "" : k.Count == 2 ? " twice" : $" {N(k.Count)} times";

    private static string Sack(KindStats k) => k.WithSack == 0 ? "" : k.WithSack == k.Count ? " with SACK blocks" : $" ({N(k.WithSack)} with SACK blocks)";

    private static string FramesOf(KindStats k) => k.Count <= KindStats.FramesListed ? Frames(k.Frames) : FrameSpan(k.FirstFrame, k.LastFrame);

    // the frames of a kind when few enough to list, as a parenthesis inside the clause
    private static string Listed(KindStats k) => k.Count <= 4 ? $" ({FramesOf(k)})" : "";

    // the same inside a parenthesis of the clause
    private static string ListedIn(KindStats k) => k.Count <= 4 ? $", {FramesOf(k)}" : "";
}
