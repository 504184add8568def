using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;
using TcpLens.Capture.Decoding;

namespace TcpLens.Reports.Ladder;

/// <summary>
/// One connection frame by frame, oriented client (left) to server (right): the client is the
/// sender of the first SYN, else the receiver of the first SYN/ACK, else the side whose port
/// looks like a client's (the sessions rule), else the first frame's sender.
/// </summary>
public sealed class Ladder
{
    private Ladder(int stream, NetAddress client, ushort clientPort, NetAddress server, ushort serverPort, List<LadderFrame> frames)
    {
        Stream = stream;
        Client = client;
        ClientPort = clientPort;
        Server = server;
        ServerPort = serverPort;
        Frames = frames;
    }

    /// <summary>tcp.stream of the connection.</summary>
    public int Stream { get; }

    /// <summary>Client address.</summary>
    public NetAddress Client { get; }

    /// <summary>Client port.</summary>
    public ushort ClientPort { get; }

    /// <summary>Server address.</summary>
    public NetAddress Server { get; }

    /// <summary>Server port.</summary>
    public ushort ServerPort { get; }

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
        (NetAddress client, ushort clientPort, NetAddress server, ushort serverPort) = Orient(packets.Select(x => x.Packet).ToList());
        long start = packets[0].Packet.Time.TotalNanoseconds;
        var frames = packets.Select(x =>
        {
            PacketAnalysis a = x.Packet.Analysis;
            bool c2s = x.Packet.Segment.Source == client && x.Packet.Segment.SourcePort == clientPort;
            return new LadderFrame(x.Packet, c2s, x.Packet.Time.TotalNanoseconds - start,
                WiresharkNotes.Text(a.Flags, a.DupAckNumber, a.DupAckFrame), x.Payload);
        }).ToList();
        return new Ladder(stream, client, clientPort, server, serverPort, frames);
    }

    /// <summary>The first stream between the two endpoints (either way round), or -1; the others (port reuse) in <paramref name="others"/>.</summary>
    public static int FindStream(TcpCapture capture, NetAddress a, ushort portA, NetAddress b, ushort portB, out List<int> others)
    {
        ArgumentNullException.ThrowIfNull(capture);
        others = [];
        int found = -1;
        while (capture.TryReadPacket(out AnalyzedPacket p))
        {
            TcpSegment s = p.Segment;
            bool match = (s.Source == a && s.SourcePort == portA && s.Destination == b && s.DestinationPort == portB)
                || (s.Source == b && s.SourcePort == portB && s.Destination == a && s.DestinationPort == portA);
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

    // the sessions table's rule, with the first frame's sender as side 0
    /// <summary>
    /// Client and server of one stream's frames (in frame order, at least one), by the sessions
    /// table's rule (<see cref="ClientRule"/>).
    /// </summary>
    public static (NetAddress Client, ushort ClientPort, NetAddress Server, ushort ServerPort) Orient(IReadOnlyList<AnalyzedPacket> packets)
    {
        ArgumentNullException.ThrowIfNull(packets);
        TcpSegment first = packets[0].Segment;
        int Side(TcpSegment s) => s.Source == first.Source && s.SourcePort == first.SourcePort ? 0 : 1;
        int synSide = -1, synAckSide = -1;
        foreach (AnalyzedPacket p in packets)
        {
            TcpSegment s = p.Segment;
            if (s.HasFlags && s.Has(TcpFlags.Syn))
            {
                if (!s.Has(TcpFlags.Ack) && synSide < 0)
                {
                    synSide = Side(s);
                }
                else if (s.Has(TcpFlags.Ack) && synAckSide < 0)
                {
                    synAckSide = Side(s);
                }
            }
        }
        bool firstIsClient = ClientRule.Choose(synSide, synAckSide, first.SourcePort, first.DestinationPort).ClientSide == 0;
        return firstIsClient
            ? (first.Source, first.SourcePort, first.Destination, first.DestinationPort)
            : (first.Destination, first.DestinationPort, first.Source, first.SourcePort);
    }
}
