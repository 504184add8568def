using TcpLens.Analysis.Sessions;
using TcpLens.Capture.Decoding;
using static TcpLens.Reports.Explain.Words;

namespace TcpLens.Reports.Explain;

/// <summary>
/// The verdict: the connection's outcome and its troubles, in one sentence. It only quotes what
/// the parts above it say (the totals line, the handshake and close lines), so no figure in it
/// is new to the reader.
/// </summary>
internal static class ExplainVerdict
{
    public static string Write(Session s, HandshakeStory handshake, CloseStory close, AnomalyLines.Totals totals, ExplainContext context, bool oneDirection, ExplainOptions options)
    {
        var points = new List<string>();
        switch (s.SynAnswer)
        {
            case SynAnswer.Reset when !handshake.Established && handshake.Answer is { } r:
                return $"the server refused the connection (RST in frame {N(r.Number)}).";
            case SynAnswer.ChallengeAck when handshake.Answer is { } c:
                string reset = handshake.ChallengeReset is { } cr ? $", and the client's TCP reset it (frame {N(cr.Number)})" : "";
                string retry = context.After(s.Stream) is { SynAnswer: SynAnswer.SynAck } next ? $"; the client's next SYN, stream {N(next.Stream)}, connected" : "";
                points.Add($"an RFC 5961 challenge ACK (frame {N(c.Number)}): the server still held an earlier connection on these ports{reset}{retry}");
                break;
            case SynAnswer.None when handshake.LastSyn is { } last:
                points.Add($"the connection was never answered ({Count(handshake.Syns, "SYN")}, the last in frame {N(last.Number)}): the server is down or filtered, or the SYNs or their answers were lost");
                break;
            case SynAnswer.NoSyn:
                points.Add(oneDirection
                    ? $"the capture starts in the middle of the connection and holds only the {(s.ClientToServer.Packets > 0 ? "client" : "server")}'s frames (one direction captured: asymmetric routing, or a one-way tap)"
                    : "the capture starts in the middle of the connection, so its opening is unknown");
                break;
        }
        Loss(points, totals);
        if (totals.CountOf(AnomalyKind.PathCopy) > 0)
        {
            points.Add($"{totals.Phrase(AnomalyKind.PathCopy)}, not retransmissions");
        }
        if (totals.CountOf(AnomalyKind.Spurious) > 0)
        {
            points.Add($"{totals.Phrase(AnomalyKind.Spurious)}: data resent although it had arrived (late or lost ACKs, or a timer firing early)");
        }
        if (totals.CountOf(AnomalyKind.ZeroWindow) + totals.CountOf(AnomalyKind.WindowFull) > 0)
        {
            var parts = new List<string>(3);
            foreach (AnomalyKind k in new[] { AnomalyKind.ZeroWindow, AnomalyKind.WindowFull, AnomalyKind.WindowProbe })
            {
                if (totals.CountOf(k) > 0)
                {
                    parts.Add(totals.Phrase(k));
                }
            }
            points.Add($"receiver pressure: {string.Join(", ", parts)}, the receiving application not keeping up");
        }
        if (handshake.Established && handshake.Syns > 1)
        {
            points.Add($"a slow start: {Count(handshake.Syns - 1, "SYN retransmission")} before the server answered" +
                       (s.SynAckDelayNs is { } sd ? $", {Duration(sd)} after the client's SYN" : ""));
        }
        else if (handshake.Established && s.SynAckDelayNs is { } d && d > options.SlowHandshakeNs)
        {
            points.Add($"a slow start: the SYN/ACK came {Duration(d)} after the client's SYN");
        }
        End(points, close, handshake);
        return points.Count == 0
            ? "a clean connection: no loss, no retransmission, no window trouble, closed normally."
            : string.Join("; ", points) + ".";
    }

    // Loss only where the capture shows it: gaps resent or never filled, and resends. Gaps filled
    // by the original arriving late are reordering; gaps acknowledged without passing the capture
    // point are the capture's own misses.
    private static void Loss(List<string> points, AnomalyLines.Totals totals)
    {
        AnomalyKind[] repairs = [AnomalyKind.FastRetransmission, AnomalyKind.SackRecovery, AnomalyKind.PartialAck, AnomalyKind.TailLossProbe, AnomalyKind.Timeout, AnomalyKind.Unexplained];
        List<string> gaps = [.. new[] { totals.LostAndResent, totals.NeverResent }.OfType<string>()];
        List<string> resent = [.. repairs.Where(k => totals.CountOf(k) > 0).Select(totals.Phrase)];
        if (gaps.Count > 0 || resent.Count > 0)
        {
            string side = totals.LossSide is { } who ? $" in the {who}'s data" : "";
            string detail = string.Join("; ", new[] { string.Join(", ", gaps), string.Join(", ", resent) }.Where(x => x.Length > 0));
            string text = $"packet loss{side} ({detail})";
            if (totals.SlowestRepair is { } slowest)
            {
                text += $"; the slowest repair {slowest}";
            }
            points.Add(text);
        }
        if (totals.Reordered is { } reordered)
        {
            points.Add($"reordering on the path ({reordered}: filled by the original arriving late, not lost)");
        }
        if (totals.MissedByCapture is { } missed)
        {
            points.Add($"the capture point missed frames the endpoints exchanged ({missed}" +
                       (totals.AcksOfMissedDataPhrase is { } acks ? $"; {acks})" : ")"));
        }
        else if (totals.AcksOfMissedDataPhrase is { } acks)
        {
            points.Add($"the capture point missed frames the endpoints exchanged ({acks})");
        }
    }

    private static void End(List<string> points, CloseStory close, HandshakeStory handshake)
    {
        CloseStory.End?[] rsts = [close.ClientRst, close.ServerRst];
        foreach (CloseStory.End rst in rsts.OfType<CloseStory.End>().OrderBy(e => e.Frame.Number))
        {
            ExplainFrame f = rst.Frame;
            if (handshake.ChallengeReset is { } c && c.Number == f.Number)
            {
                continue;
            }
            if (!handshake.Established && handshake.Syns > 0 && !f.C2S)
            {
                continue;
            }
            if (rst.BareAnswer && rst.AnsweredFrame is { } a)
            {
                string what = a.Has(TcpFlags.Fin) ? "FIN" : a.Length > 0 ? "data" : "ACK";
                points.Add($"a half-open connection: the {f.Side} no longer had it when the {f.Peer}'s {what} came (frame {N(a.Number)}), and answered with a RST (frame {N(f.Number)})");
            }
            else
            {
                points.Add($"an abortive end: the {f.Side} reset the connection (frame {N(f.Number)})");
            }
            return; // the first RST tells how it ended
        }
    }
}
