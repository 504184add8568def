using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;
using TcpLens.Capture.Decoding;
using TcpLens.Reports.Ladder;
using static TcpLens.Reports.Explain.Words;

namespace TcpLens.Reports.Explain;

/// <summary>
/// Tells one connection in plain words from its session summary and its frames: the handshake
/// and its timing, the options, the data exchange in phases, every anomaly in order with what it
/// means and its likely cause, the close, and a verdict. Every statement names its frames.
/// </summary>
public static partial class StreamExplainer
{
    /// <summary>Explains <paramref name="ladder"/> (the frames) with <paramref name="session"/> (the same stream's summary).</summary>
    public static Explanation Explain(Session session, Ladder.Ladder ladder)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(ladder);
        List<Frame> frames = [.. ladder.Frames.Select(Frame.Of)];
        var anomalies = new Anomalies(frames);
        return new Explanation(
            Summary(session, frames),
            Handshake(session, frames),
            Data(session, frames),
            anomalies.Describe(),
            Close(session, frames),
            Verdict(session, frames, anomalies));
    }

    /// <summary>One frame, in the terms the narrative uses.</summary>
    internal readonly record struct Frame(
        long Number, long Time, bool C2S, TcpFlags Flags, uint Seq, uint Ack, int Length, long Window,
        AnalysisFlags Analysis, int DupAckNumber, long DupAckFrame, string? Payload, long? AckRtt)
    {
        public string Side => C2S ? "client" : "server";

        public string Peer => C2S ? "server" : "client";

        public bool Has(TcpFlags f) => (Flags & f) != 0;

        public bool Is(AnalysisFlags f) => (Analysis & f) != 0;

        public uint End => unchecked(Seq + (uint)Math.Max(Length, 0));

        public static Frame Of(LadderFrame f)
        {
            PacketAnalysis a = f.Packet.Analysis;
            TcpSegment s = f.Packet.Segment;
            return new Frame(f.Packet.Frame, f.RelativeTimeNs, f.ClientToServer, s.TcpHeaderBytesRead >= 14 ? s.Flags : TcpFlags.None,
                a.RelativeSeq, a.RelativeAck, Math.Max(0, a.SegmentLength), a.WindowSize, a.Flags, a.DupAckNumber, a.DupAckFrame, f.Payload, a.AckRttNs);
        }
    }

    private static string Summary(Session s, List<Frame> frames) =>
        $"Stream {s.Stream}: client {s.Client.ToString(s.ClientPort)} to server {s.Server.ToString(s.ServerPort)}, " +
        $"{Count(frames.Count, "frame")} from frame {N(frames[0].Number)} to frame {N(frames[^1].Number)} over {Duration(frames[^1].Time)}; " +
        $"Zeek state {s.State} (history {s.History}), closed by {ClosedByNames.Name(s.ClosedBy)}.";

    private static List<string> Handshake(Session s, List<Frame> frames)
    {
        var lines = new List<string>();
        List<Frame> syns = [.. frames.Where(f => f.C2S && f.Has(TcpFlags.Syn) && !f.Has(TcpFlags.Ack))];
        List<Frame> synAcks = [.. frames.Where(f => !f.C2S && f.Has(TcpFlags.Syn) && f.Has(TcpFlags.Ack))];
        if (syns.Count == 0 && synAcks.Count == 0)
        {
            lines.Add($"The capture starts in the middle of this connection (frame {N(frames[0].Number)} is not a SYN): it was already open, so its options and initial RTT are unknown.");
            return lines;
        }
        if (syns.Count > 0)
        {
            lines.Add($"The client opened the connection with a SYN in frame {N(syns[0].Number)} ({Options(s.ClientToServer)}).");
            if (syns.Count > 1)
            {
                string answered = synAcks.Count > 0 ? "before the server answered" : "and never got an answer";
                lines.Add($"It sent the SYN {Count(syns.Count - 1, "more time")} ({Frames([.. syns.Skip(1).Select(f => f.Number)])}) {answered}: " +
                          $"the first SYN{(syns.Count > 2 ? "s" : "")} or the answer{(syns.Count > 2 ? "s" : "")} were lost, which cost {Duration(syns[^1].Time - syns[0].Time)} before the last attempt.");
            }
        }
        Frame? refusal = frames.Where(f => !f.C2S && f.Has(TcpFlags.Rst)).Cast<Frame?>().FirstOrDefault();
        if (synAcks.Count > 0)
        {
            string delay = s.SynAckDelayNs is { } d ? $", {Ms(d)} after the client's SYN" : "";
            lines.Add($"The server answered with a SYN/ACK in frame {N(synAcks[0].Number)}{delay} ({Options(s.ServerToClient)}).");
            if (synAcks.Count > 1)
            {
                lines.Add($"It sent the SYN/ACK again in {Frames([.. synAcks.Skip(1).Select(f => f.Number)])}: the client's ACK was late or lost.");
            }
            Frame? ack = frames.Where(f => f.C2S && f.Number > synAcks[0].Number && f.Has(TcpFlags.Ack) && !f.Has(TcpFlags.Syn)).Cast<Frame?>().FirstOrDefault();
            if (ack is { } a)
            {
                string irtt = s.InitialRttNs is { } i ? $": initial round-trip time {Ms(i)} (as seen from the capture point)" : "";
                lines.Add($"The client's ACK in frame {N(a.Number)} completed the handshake{irtt}.");
            }
            if (s.ClientToServer.WindowScale is null != s.ServerToClient.WindowScale is null)
            {
                lines.Add($"Window scaling is off: only the {(s.ClientToServer.WindowScale is null ? "server" : "client")} offered it, so windows stay under 64 kB, which caps throughput on long paths.");
            }
            if (!(s.ClientToServer.SackPermitted && s.ServerToClient.SackPermitted))
            {
                lines.Add("SACK is not in use (not offered by both sides): after a loss, the sender learns of one hole per round trip.");
            }
        }
        else if (refusal is { } r && syns.Count > 0)
        {
            lines.Add($"The server refused the connection: RST in frame {N(r.Number)}, {Ms(r.Time - syns[0].Time)} after the first SYN (nothing listens on port {s.ServerPort}, or a firewall rejects it).");
        }
        else if (syns.Count > 0)
        {
            lines.Add($"The server never answered in this capture (last SYN frame {N(syns[^1].Number)}): it is down, filtered, or the SYNs are lost on the way.");
        }
        return lines;
    }

    private static string Options(SessionDirection d)
    {
        var parts = new List<string>(3)
        {
            d.Mss is { } mss ? $"MSS {N(mss)}" : "no MSS option",
            d.WindowScale is { } ws ? $"window scale {N(ws)}" : "no window scaling",
            d.SackPermitted ? "SACK permitted" : "no SACK",
        };
        return string.Join(", ", parts);
    }

    private static List<string> Data(Session s, List<Frame> frames)
    {
        var lines = new List<string>();
        var data = frames.Where(f => f.Length > 0 && !f.Is(AnalysisFlags.Retransmission) && !f.Has(TcpFlags.Syn)).ToList();
        if (data.Count == 0)
        {
            lines.Add("No data was exchanged.");
            return lines;
        }
        lines.Add($"The client sent {Bytes(s.ClientToServer.PayloadBytes)} and the server {Bytes(s.ServerToClient.PayloadBytes)} (retransmissions included).");
        var phases = new List<(bool C2S, Frame First, Frame Last, long Bytes, int Segments)>();
        foreach (Frame f in data)
        {
            if (phases.Count > 0 && phases[^1].C2S == f.C2S)
            {
                var p = phases[^1];
                phases[^1] = (p.C2S, p.First, f, p.Bytes + f.Length, p.Segments + 1);
            }
            else
            {
                phases.Add((f.C2S, f, f, f.Length, 1));
            }
        }
        const int Shown = 8;
        for (int i = 0; i < Math.Min(Shown, phases.Count); i++)
        {
            var p = phases[i];
            string span = p.First.Number == p.Last.Number ? $"frame {N(p.First.Number)}" : $"frames {N(p.First.Number)}-{N(p.Last.Number)}";
            long took = p.Last.Time - p.First.Time;
            string rate = took > 0 && p.Bytes > 100_000 ? $" over {Duration(took)} ({Rate(p.Bytes, took)})" : "";
            string what = p.First.Payload is { } note ? $" starting with {note}" : "";
            string wait = i > 0 ? $", {Ms(p.First.Time - phases[i - 1].Last.Time)} after the {(phases[i - 1].C2S ? "client" : "server")}'s last data" : "";
            lines.Add($"{span}: the {(p.C2S ? "client" : "server")} sent {Bytes(p.Bytes)} in {Count(p.Segments, "segment")}{rate}{what}{wait}.");
        }
        if (phases.Count > Shown)
        {
            lines.Add($"... and {Count(phases.Count - Shown, "more turn")} of the conversation, up to frame {N(phases[^1].Last.Number)}.");
        }
        if (s.RttSamples > 0)
        {
            lines.Add($"Round-trip times from {Count(s.RttSamples, "ACK")} (capture point to the far end and back): min {Ms(s.RttMinNs!.Value)}, average {Ms(s.RttAvgNs!.Value)}, max {Ms(s.RttMaxNs!.Value)}.");
        }
        return lines;
    }
}
