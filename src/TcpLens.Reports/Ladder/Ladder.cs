using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;
using TcpLens.Capture.Decoding;

namespace TcpLens.Reports.Ladder;

/// <summary>
/// One connection frame by frame, oriented client (left) to server (right) by the sessions
/// table's rule (<see cref="ClientRule"/>): the client is the sender of the first SYN, else the
/// receiver of the first SYN/ACK, else the side whose port looks like a client's, else the
/// first frame's sender.
/// </summary>
public sealed class Ladder
{
    private Ladder(int stream, Endpoint client, Endpoint server, List<LadderFrame> frames)
    {
        Stream = stream;
        Client = client;
        Server = server;
        Frames = frames;
    }

    /// <summary>tcp.stream of the connection.</summary>
    public int Stream { get; }

    /// <summary>The client's address and port.</summary>
    public Endpoint Client { get; }

    /// <summary>The server's address and port.</summary>
    public Endpoint Server { get; }

    /// <summary>Every frame of the stream in capture order.</summary>
    public IReadOnlyList<LadderFrame> Frames { get; }

    /// <summary>
    /// Reads the rest of <paramref name="capture"/> (opened without read-ahead, so payloads can be
    /// described) and returns stream <paramref name="stream"/>, or null when the capture has no such stream.
    /// </summary>
    public static Ladder? Build(TcpCapture capture, int stream)
    {
        ArgumentNullException.ThrowIfNull(capture);
        var packets = new List<(AnalyzedPacket Packet, string? Payload)>();
        while (capture.TryReadPacket(out AnalyzedPacket p, out ReadOnlySpan<byte> payload))
        {
            if (p.Analysis.HasStream && p.Analysis.Stream == stream)
            {
                packets.Add((p, payload.IsEmpty ? null : PayloadNotes.Describe(payload)));
            }
        }
        if (packets.Count == 0)
        {
            return null;
        }
        ClientOrientation orientation = ClientRule.Orient(packets.Select(x => x.Packet).ToList());
        Endpoint client = orientation.Client;
        long start = packets[0].Packet.Time.TotalNanoseconds;
        var frames = packets.Select(x =>
        {
            PacketAnalysis a = x.Packet.Analysis;
            bool c2s = x.Packet.Segment.SourceEndpoint == client;
            return new LadderFrame(x.Packet, c2s, x.Packet.Time.TotalNanoseconds - start,
                WiresharkNotes.Text(a.Flags, a.DupAckNumber, a.DupAckFrame), x.Payload);
        }).ToList();
        return new Ladder(stream, client, orientation.Server, frames);
    }

    /// <summary>The first stream between the two endpoints (either way round), or -1; the others (port reuse) in <paramref name="others"/>.</summary>
    public static int FindStream(TcpCapture capture, Endpoint a, Endpoint b, out List<int> others)
    {
        ArgumentNullException.ThrowIfNull(capture);
        others = [];
        int found = -1;
        while (capture.TryReadPacket(out AnalyzedPacket p))
        {
            TcpSegment s = p.Segment;
            Endpoint from = s.SourceEndpoint, to = s.DestinationEndpoint;
            bool match = (from == a && to == b) || (from == b && to == a);
            if (!match || !p.Analysis.HasStream)
            {
                continue;
            }
            if (found < 0)
            {
                found = p.Analysis.Stream;
            }
            else if (p.Analysis.Stream != found && !others.Contains(p.Analysis.Stream))
            {
                others.Add(p.Analysis.Stream);
            }
        }
        return found;
    }
}
