using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;
using TcpLens.Capture.Decoding;
using static TcpLens.Reports.Explain.Words;

namespace TcpLens.Reports.Explain;

public static partial class StreamExplainer
{
    // Who ended the connection, how, and whether data was still unacknowledged at that moment.
    private static List<string> Close(Session s, List<Frame> frames)
    {
        var lines = new List<string>();
        Frame? Find(bool c2s, TcpFlags flag) => frames.Where(f => f.C2S == c2s && f.Has(flag)).Cast<Frame?>().FirstOrDefault();
        Frame? clientFin = Find(true, TcpFlags.Fin), serverFin = Find(false, TcpFlags.Fin);
        Frame? clientRst = Find(true, TcpFlags.Rst), serverRst = Find(false, TcpFlags.Rst);
        if (clientFin is null && serverFin is null && clientRst is null && serverRst is null)
        {
            lines.Add($"No FIN or RST: the connection was still open when the capture ended (last frame {N(frames[^1].Number)}).");
            return lines;
        }
        foreach (Frame fin in new[] { clientFin, serverFin }.OfType<Frame>().OrderBy(f => f.Number))
        {
            long unacked = Unacked(frames, fin);
            string state = unacked > 0 ? $", with {Bytes(unacked)} of its data not yet acknowledged" : ", all its data acknowledged";
            Frame? other = fin.C2S ? serverFin : clientFin;
            string order = other is { } o && o.Number < fin.Number ? $" in answer to the {fin.Peer}'s FIN ({Ms(fin.Time - o.Time)} later)" : " first";
            lines.Add($"The {fin.Side} sent its FIN in frame {N(fin.Number)}{order}{state}.");
        }
        bool established = frames.Any(f => !f.C2S && f.Has(TcpFlags.Syn) && f.Has(TcpFlags.Ack));
        foreach (Frame rst in new[] { clientRst, serverRst }.OfType<Frame>().OrderBy(f => f.Number))
        {
            if (!established && !rst.C2S)
            {
                lines.Add($"The server's RST in frame {N(rst.Number)} answered the SYN: the connection was refused and never opened.");
                continue;
            }
            Frame? ownFin = rst.C2S ? clientFin : serverFin;
            long unacked = Unacked(frames, rst);
            long incoming = Unacked(frames, rst, fromPeer: true);
            string context = ownFin is { } f && f.Number < rst.Number ? $" {Ms(rst.Time - f.Time)} after its own FIN (frame {N(f.Number)})" : " without a FIN before it";
            var loss = new List<string>(2);
            if (unacked > 0)
            {
                loss.Add($"{Bytes(unacked)} it had sent were not yet acknowledged");
            }
            if (incoming > 0)
            {
                loss.Add($"the {rst.Peer} had {Bytes(incoming)} in flight towards it");
            }
            string state = loss.Count > 0 ? ", while " + string.Join(" and ", loss) : "";
            string cause = rst.C2S
                ? "the client application aborted (closed with unread data, a cancel or a timeout)"
                : ownFin is not null && ownFin.Value.Number < rst.Number
                    ? "the server closed its socket abortively after its FIN (unread data, or SO_LINGER 0): data in flight may be lost and the client may see an error"
                    : "the server aborted (application error, timeout, or a load balancer or firewall in front of it)";
            lines.Add($"The {rst.Side} reset the connection (RST) in frame {N(rst.Number)}{context}{state}: {cause}.");
        }
        return lines;
    }

    // Bytes the frame's sender (or, with fromPeer, its peer) had sent and the other side had not
    // acknowledged by the time of this frame.
    private static long Unacked(List<Frame> frames, Frame at, bool fromPeer = false)
    {
        bool sender = fromPeer ? !at.C2S : at.C2S;
        uint? highest = null, acked = null;
        foreach (Frame f in frames)
        {
            if (f.Number > at.Number)
            {
                break;
            }
            if (f.C2S == sender && f.Length > 0 && (highest is null || (int)(f.End - highest.Value) > 0))
            {
                highest = f.End;
            }
            if (f.C2S != sender && f.Has(TcpFlags.Ack) && !f.Has(TcpFlags.Rst) && (acked is null || (int)(f.Ack - acked.Value) > 0))
            {
                acked = f.Ack;
            }
        }
        return highest is { } h && acked is { } a ? Math.Max(0, (long)(int)(h - a)) : highest is { } x ? x : 0;
    }

    private static string Verdict(Session s, List<Frame> frames, Anomalies a)
    {
        if (s.State == "REJ")
        {
            return "the server refused the connection.";
        }
        if (s.State is "S0" or "OTH" && frames.All(f => f.C2S))
        {
            return "the connection was never answered: the server is unreachable, down or filtered.";
        }
        var points = new List<string>();
        int repairs = a.Fast + a.Timeouts - a.SynRetransmissions;
        if (a.Lost + repairs > 0)
        {
            string kinds = string.Join(", ", new[] { (a.Fast, "fast"), (a.Timeouts - a.SynRetransmissions, "by timeout") }.Where(k => k.Item1 > 0).Select(k => $"{N(k.Item1)} {k.Item2}"));
            points.Add($"packet loss: {Count(a.Lost, "gap")} in the capture and {Count(repairs, "retransmission")}{(kinds.Length > 0 ? $" ({kinds})" : "")}" +
                       (a.LongestRepairNs > 0 ? $", the slowest repair taking {Ms(a.LongestRepairNs)}" : ""));
        }
        if (a.Spurious > 0)
        {
            points.Add($"{Count(a.Spurious, "spurious retransmission")}: data resent although it had arrived (late or lost ACKs, or a timer firing early)");
        }
        if (a.SynRetransmissions > 0)
        {
            points.Add($"a slow start: {Count(a.SynRetransmissions, "SYN retransmission")} before the server answered" +
                       (s.SynAckDelayNs is { } sd ? $", {Duration(sd)} after the first SYN" : ""));
        }
        if (a.ZeroWindows + a.WindowFull > 0)
        {
            points.Add($"receiver pressure: {Count(a.ZeroWindows, "zero window")} and {Count(a.WindowFull, "full window")}" +
                       (a.WindowProbes > 0 ? $" ({Count(a.WindowProbes, "window probe")})" : "") + ", the receiving application not keeping up");
        }
        if (a.AckedUnseen > 0)
        {
            points.Add($"the capture point missed frames the endpoints exchanged ({Count(a.AckedUnseen, "ACK")} of unseen data)");
        }
        if (a.SynRetransmissions == 0 && s.SynAckDelayNs is { } d && s.InitialRttNs is { } irtt && d > 200_000_000)
        {
            points.Add($"a slow start: the SYN/ACK took {Ms(d)} (initial RTT {Ms(irtt)})");
        }
        if (s.ClosedBy is ClosedBy.ClientRst or ClosedBy.ServerRst || s.ServerRstFrame != 0 || s.ClientRstFrame != 0)
        {
            string who = s.ServerRstFrame != 0 && (s.ClientRstFrame == 0 || s.ServerRstFrame < s.ClientRstFrame) ? "server" : "client";
            points.Add($"an abortive end: the {who} reset the connection");
        }
        return points.Count == 0
            ? "a clean connection: no loss, no retransmission, no window trouble, closed normally."
            : string.Join("; ", points) + ".";
    }
}
