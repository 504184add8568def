using TcpLens.Capture.Decoding;
using static TcpLens.Reports.Explain.Words;

namespace TcpLens.Reports.Explain;

/// <summary>
/// How the connection ended: each side's first FIN and RST with what was still unacknowledged at
/// that moment, and what kind of RST it was — an abort by the socket's owner (RST with ACK), or
/// the stack's answer to a segment for a connection it does not have (a bare RST whose seq is
/// that segment's ACK number: half-open, or late segments after an abort).
/// </summary>
internal sealed class CloseStory
{
    private sealed class Side
    {
        public uint HighestEnd, PeerAck;
        public bool HasData, HasPeerAck;
        public ExplainFrame? LastFrame;
        public End? Fin, Rst;
        public int LaterRsts;
        public List<long> LaterRstFrames = [];
        public long Unacked => HasData && HasPeerAck ? Math.Max(0, (long)(int)(HighestEnd - PeerAck)) : 0;
    }

    /// <summary>A FIN or RST and the state when it was sent.</summary>
    internal readonly record struct End(ExplainFrame Frame, long Unacked, long Incoming, bool BareAnswer, ExplainFrame? AnsweredFrame);

    private readonly Side _client = new(), _server = new();

    public End? ClientRst => _client.Rst;

    public End? ServerRst => _server.Rst;

    public End? ClientFin => _client.Fin;

    public End? ServerFin => _server.Fin;

    public void Add(in ExplainFrame f)
    {
        Side mine = f.C2S ? _client : _server, peer = f.C2S ? _server : _client;
        if (f.Length > 0 && (!mine.HasData || (int)(f.End - mine.HighestEnd) > 0))
        {
            mine.HighestEnd = f.End;
            mine.HasData = true;
        }
        if (f.Has(TcpFlags.Fin) && mine.Fin is null)
        {
            mine.Fin = new End(f, mine.Unacked, peer.Unacked, false, null);
        }
        if (f.Has(TcpFlags.Rst))
        {
            if (mine.Rst is null)
            {
                // the stack's own answer to a segment it has no connection for: no ACK flag, seq = that segment's ACK
                bool bare = !f.Has(TcpFlags.Ack) && peer.LastFrame is { } last && last.Has(TcpFlags.Ack) && f.RawSeq == last.RawAck;
                mine.Rst = new End(f, mine.Unacked, peer.Unacked, bare, bare ? peer.LastFrame : null);
            }
            else
            {
                mine.LaterRsts++;
                if (mine.LaterRstFrames.Count < 8)
                {
                    mine.LaterRstFrames.Add(f.Number);
                }
            }
        }
        if (f.Has(TcpFlags.Ack) && !f.Has(TcpFlags.Rst) && (!peer.HasPeerAck || (int)(f.Ack - peer.PeerAck) > 0))
        {
            peer.PeerAck = f.Ack;
            peer.HasPeerAck = true;
        }
        mine.LastFrame = f;
    }

    public List<string> Lines(HandshakeStory handshake, long lastFrame)
    {
        var lines = new List<string>();
        if (_client.Fin is null && _server.Fin is null && _client.Rst is null && _server.Rst is null)
        {
            lines.Add($"No FIN or RST: the connection was still open when the capture ended (last frame {N(lastFrame)}).");
            return lines;
        }
        foreach (End fin in new[] { _client.Fin, _server.Fin }.OfType<End>().OrderBy(e => e.Frame.Number))
        {
            ExplainFrame f = fin.Frame;
            End? other = f.C2S ? _server.Fin : _client.Fin;
            string order = other is { } o && o.Frame.Number < f.Number ? $" in answer to the {f.Peer}'s FIN ({Ms(f.Time - o.Frame.Time)} later)" : " first";
            Side side = f.C2S ? _client : _server;
            string state = !side.HasData ? "" : !side.HasPeerAck && fin.Unacked == 0 ? ", with no ACK of its data in the capture"
                : fin.Unacked > 0 ? $", with {Bytes(fin.Unacked)} of its data not yet acknowledged" : ", all its data acknowledged";
            lines.Add($"The {f.Side} sent its FIN in frame {N(f.Number)}{order}{state}.");
        }
        foreach (End rst in new[] { _client.Rst, _server.Rst }.OfType<End>().OrderBy(e => e.Frame.Number))
        {
            Side side = rst.Frame.C2S ? _client : _server;
            lines.Add(ResetLine(rst, side.Fin, handshake));
            if (side.LaterRsts > 0)
            {
                lines.Add($"The {rst.Frame.Side} then answered {Count(side.LaterRsts, $"more {rst.Frame.Peer} segment")} with RSTs ({Frames(side.LaterRstFrames)}{(side.LaterRsts > side.LaterRstFrames.Count ? " and later" : "")}), as a connection that is gone does.");
            }
        }
        return lines;
    }

    private static string ResetLine(End rst, End? ownFin, HandshakeStory handshake)
    {
        ExplainFrame f = rst.Frame;
        if (!handshake.Established && !f.C2S && handshake.Syns > 0 && handshake.Answer is { } a && a.Number == f.Number)
        {
            return $"The server's RST in frame {N(f.Number)} answered the SYN: the connection was refused and never opened.";
        }
        if (handshake.ChallengeReset is { } c && c.Number == f.Number)
        {
            return $"The connection attempt ended with the client's RST in frame {N(f.Number)}, its TCP's answer to the challenge ACK (see the handshake above), not an abort by the client application.";
        }
        string data = f.Length > 0 ? $" carrying {Bytes(f.Length)} of data (RFC 9293 allows data in a RST, usually a diagnostic text)" : "";
        if (rst.BareAnswer && rst.AnsweredFrame is { } answered)
        {
            string what = answered.Has(TcpFlags.Fin) ? "FIN" : answered.Length > 0 ? "data" : "ACK";
            return $"The {f.Side} answered the {f.Peer}'s {what} (frame {N(answered.Number)}) with a bare RST in frame {N(f.Number)}{data}, {Ms(f.Time - answered.Time)} later, whose seq is that frame's ACK number: the {f.Side}'s TCP no longer had this connection (closed or reset before without the capture seeing it, or restarted), so the {f.Peer} was holding a half-open connection.";
        }
        bool afterFin = ownFin is { } fin && fin.Frame.Number < f.Number;
        string context = afterFin ? $" {Ms(f.Time - ownFin!.Value.Frame.Time)} after its own FIN (frame {N(ownFin.Value.Frame.Number)})" : " without a FIN before it";
        var loss = new List<string>(2);
        if (rst.Unacked > 0)
        {
            loss.Add($"{Bytes(rst.Unacked)} it had sent were not yet acknowledged");
        }
        if (rst.Incoming > 0)
        {
            loss.Add($"the {f.Peer} had {Bytes(rst.Incoming)} in flight towards it");
        }
        string state = loss.Count > 0 ? ", while " + string.Join(" and ", loss) : "";
        string cause = f.C2S
            ? "the client closed abortively (its application closed with data unread, or with SO_LINGER 0, or cancelled), or a middlebox reset the connection"
            : afterFin
                ? "the server closed its socket abortively after its FIN (unread data, or SO_LINGER 0): data in flight may be lost and the client may see an error"
                : "the server aborted (an application abort or error, a timeout), or a load balancer or firewall in front of it reset the connection";
        return $"The {f.Side} reset the connection (RST) in frame {N(f.Number)}{context}{data}{state}: {cause}.";
    }
}
