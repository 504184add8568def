using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;
using TcpLens.Capture.Decoding;
using static TcpLens.Reports.Explain.Words;

namespace TcpLens.Reports.Explain;

/// <summary>How the connection opened, or why it did not: SYNs and their answer (SYN/ACK, RST, a challenge ACK), or a capture that starts after the opening.</summary>
internal sealed class HandshakeStory
{
    private const int Kept = 8;
    private readonly List<ExplainFrame> _syns = [], _synAcks = [];
    private int _synCount, _synAckCount;
    private ExplainFrame? _first, _ackAfterSynAck, _answer, _answerReset;

    /// <summary>The server's first frame after the client's SYN, when it is not a SYN/ACK (a RST, a challenge ACK).</summary>
    public ExplainFrame? Answer => _answer;

    /// <summary>The client's RST in answer to a challenge ACK.</summary>
    public ExplainFrame? ChallengeReset => _answerReset;

    public int Syns => _synCount;

    public ExplainFrame? FirstSyn => _syns.Count > 0 ? _syns[0] : null;

    public ExplainFrame? LastSyn { get; private set; }

    public bool Established => _synAckCount > 0;

    public void Add(in ExplainFrame f)
    {
        _first ??= f;
        if (f.C2S && f.IsSyn)
        {
            _synCount++;
            LastSyn = f;
            if (_syns.Count < Kept)
            {
                _syns.Add(f);
            }
        }
        else if (!f.C2S && f.IsSynAck)
        {
            _synAckCount++;
            if (_synAcks.Count < Kept)
            {
                _synAcks.Add(f);
            }
        }
        else if (f.C2S && _synAckCount > 0 && _ackAfterSynAck is null && f.Has(TcpFlags.Ack) && !f.Has(TcpFlags.Syn))
        {
            _ackAfterSynAck = f;
        }
        if (!f.C2S && _synCount > 0 && _synAckCount == 0 && _answer is null && f.HasFlags && !f.IsSynAck)
        {
            _answer = f;
        }
        else if (f.C2S && _answer is { } a && _answerReset is null && _synAckCount == 0 && f.Has(TcpFlags.Rst))
        {
            _answerReset = f;
        }
    }

    public List<string> Lines(Session s, ExplainContext context)
    {
        var lines = new List<string>();
        ExplainFrame first = _first!.Value;
        if (_synCount == 0)
        {
            lines.Add(_synAckCount > 0
                ? $"The capture holds the server's SYN/ACK (frame {N(_synAcks[0].Number)}) but not the client's SYN: it began just after the SYN went out, or missed it."
                : $"The capture starts in the middle of this connection (frame {N(first.Number)}, its first, is not a SYN): the connection was open before the capture began, so its options (MSS, window scale, SACK) and initial round trip are unknown, and windows are shown as sent.");
            return lines;
        }
        ExplainFrame syn = _syns[0];
        lines.Add($"The client opened the connection with a SYN in frame {N(syn.Number)} ({Options(s.ClientToServer)}).");
        if (s.SynAnswer == SynAnswer.SynAck || _synAckCount > 0)
        {
            if (_synCount > 1)
            {
                lines.Add($"It sent the SYN {Count(_synCount - 1, "more time")} ({Frames([.. _syns.Skip(1).Select(f => f.Number)])}) before the server answered: the first SYN{(_synCount > 2 ? "s" : "")} or the answer{(_synCount > 2 ? "s" : "")} were lost, which cost {Duration(LastSyn!.Value.Time - syn.Time)} before the last attempt.");
            }
            AddSynAck(lines, s);
        }
        else
        {
            if (_synCount > 1)
            {
                lines.Add($"It sent the SYN {Count(_synCount - 1, "more time")} ({Frames([.. _syns.Skip(1).Select(f => f.Number)])}), over {Duration(LastSyn!.Value.Time - syn.Time)}.");
            }
            AddNoSynAck(lines, s, context);
        }
        return lines;
    }

    private void AddSynAck(List<string> lines, Session s)
    {
        if (_synAcks.Count == 0)
        {
            lines.Add("The server's SYN/ACK is not in the capture, but its ACK of the SYN shows it answered.");
            return;
        }
        string delay = s.SynAckDelayNs is { } d ? $", {Duration(d)} after the client's SYN" : "";
        lines.Add($"The server answered with a SYN/ACK in frame {N(_synAcks[0].Number)}{delay} ({Options(s.ServerToClient)}).");
        if (_synAckCount > 1)
        {
            lines.Add($"It sent the SYN/ACK again in {Frames([.. _synAcks.Skip(1).Select(f => f.Number)])}: the client's ACK was late or lost.");
        }
        if (_ackAfterSynAck is { } a)
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

    private void AddNoSynAck(List<string> lines, Session s, ExplainContext context)
    {
        ExplainFrame syn = _syns[0];
        switch (s.SynAnswer)
        {
            case SynAnswer.Reset when _answer is { } r:
                lines.Add($"The server refused the connection: RST in frame {N(r.Number)}, {Ms(r.Time - syn.Time)} after the first SYN (nothing listens on port {s.Server.Port}, or a firewall rejects it).");
                break;
            case SynAnswer.ChallengeAck when _answer is { } c:
                lines.Add($"The server answered in frame {N(c.Number)} with a bare ACK of seq {N(c.RawAck)} (raw), not a SYN/ACK: the SYN's own number was {N(syn.RawSeq)}. This is a challenge ACK (RFC 5961 §4): the server still held an earlier connection on these ports and asked the client to prove it was gone.");
                if (_answerReset is { } rst)
                {
                    lines.Add($"The client's TCP answered it with a RST in frame {N(rst.Number)}, {Ms(rst.Time - c.Time)} later, whose seq {N(rst.RawSeq)} (raw) is the challenge ACK's number: that is the stack's answer to an ACK that does not fit an opening connection (RFC 9293), not the application's doing, and it clears the server's old connection.");
                }
                if (context.Before(s.Stream) is { } before)
                {
                    lines.Add($"The old connection is stream {N(before.Stream)} (frames {N(before.FirstFrame)}–{N(before.LastFrame)}, {ClosedByNames.Name(before.ClosedBy)}): its close never reached the server.");
                }
                if (context.After(s.Stream) is { } retry)
                {
                    string outcome = retry.SynAnswer == SynAnswer.SynAck ? "connected" : $"got the answer {SynAnswerNames.Name(retry.SynAnswer)}";
                    lines.Add($"The client's next SYN on these ports is stream {N(retry.Stream)} (frame {N(retry.FirstFrame)}), which {outcome}.");
                }
                break;
            default:
                ExplainFrame last = LastSyn!.Value;
                lines.Add($"The server never answered in this capture ({Count(_synCount, "SYN")}, the last in frame {N(last.Number)}): it is down or filtered, or the SYNs or their answers were lost on the way.");
                break;
        }
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
}
