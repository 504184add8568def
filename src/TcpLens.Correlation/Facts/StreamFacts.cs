using TcpLens.Capture;
using TcpLens.Capture.Decoding;

namespace TcpLens.Correlation.Facts;

/// <summary>
/// What one capture shows of one TCP stream, enough to find the same connection in another
/// capture: endpoints, SYN and SYN/ACK transmissions, and a fingerprint of the first packets
/// of each direction (IP ID, raw sequence number, length). About 0.7 kB per stream.
/// </summary>
public sealed class StreamFacts
{
    /// <summary>Packets kept per direction for the fingerprint.</summary>
    public const int FingerprintLength = 8;

    /// <summary>Wireshark's tcp.stream index in its capture.</summary>
    public int Stream { get; init; }

    /// <summary>The client's address and port, by <see cref="Analysis.Sessions.ClientRule"/> (the SYN sender; without a SYN, the SYN/ACK receiver, else by ports).</summary>
    public Endpoint Client { get; internal set; }

    /// <summary>The server's address and port.</summary>
    public Endpoint Server { get; internal set; }

    /// <summary>True when a SYN (without ACK) from the client is in the capture.</summary>
    public bool HasSyn => Syns.Count > 0;

    /// <summary>Every SYN the client sent, in order (retransmissions included).</summary>
    public List<SynTransmission> Syns { get; internal set; } = [];

    /// <summary>Every SYN/ACK the server sent, in order.</summary>
    public List<SynTransmission> SynAcks { get; internal set; } = [];

    /// <summary>Frame number of the stream's first frame.</summary>
    public long FirstFrame { get; init; }

    /// <summary>Frame number of the stream's last frame.</summary>
    public long LastFrame { get; internal set; }

    /// <summary>Time of the first frame.</summary>
    public Timestamp Start { get; init; }

    /// <summary>Time of the last frame.</summary>
    public Timestamp End { get; internal set; }

    /// <summary>Frames client to server.</summary>
    public long PacketsC2S { get; internal set; }

    /// <summary>Frames server to client.</summary>
    public long PacketsS2C { get; internal set; }

    /// <summary>First packets client to server: IP ID, raw sequence number, payload length.</summary>
    public List<PacketMark> FirstC2S { get; internal set; } = [];

    /// <summary>First packets server to client.</summary>
    public List<PacketMark> FirstS2C { get; internal set; } = [];

    /// <summary>Lowest and highest raw sequence numbers sent client to server (serial order).</summary>
    public SeqSpan SpanC2S { get; internal set; }

    /// <summary>Lowest and highest raw sequence numbers sent server to client.</summary>
    public SeqSpan SpanS2C { get; internal set; }

    /// <summary>The client's initial sequence number (first SYN), if seen.</summary>
    public uint? ClientIsn => Syns.Count > 0 ? Syns[0].Sequence : null;

    /// <summary>The server's initial sequence number (first SYN/ACK), if seen.</summary>
    public uint? ServerIsn => SynAcks.Count > 0 ? SynAcks[0].Sequence : null;

    /// <summary>"addr:port → addr:port" as the capture shows it.</summary>
    public override string ToString() => $"{Client} -> {Server} (stream {Stream})";
}

/// <summary>One packet of a fingerprint.</summary>
public readonly record struct PacketMark(int IpId, uint Sequence, uint Acknowledgement, int Length, TcpFlags Flags, Timestamp Time);

/// <summary>A range of raw sequence numbers [First, End) in serial order; empty when nothing was sent.</summary>
public readonly record struct SeqSpan(uint First, uint End, bool Seen)
{
    /// <summary>The span grown to cover [seq, seq + length).</summary>
    public SeqSpan Include(uint seq, int length)
    {
        uint end = unchecked(seq + (uint)Math.Max(length, 0));
        if (!Seen)
        {
            return new SeqSpan(seq, end, true);
        }
        uint first = (int)(seq - First) < 0 ? seq : First;
        uint last = (int)(end - End) > 0 ? end : End;
        return new SeqSpan(first, last, true);
    }

    /// <summary>True when the two spans share a sequence number (ends included: a pure ACK stream is one point).</summary>
    public bool Overlaps(SeqSpan other) =>
        Seen && other.Seen && (int)(other.First - End) <= 0 && (int)(First - other.End) <= 0;
}
