namespace TcpLens.Analysis.Streams;

/// <summary>What a conversation has shown so far: the bits of Wireshark's <c>tcp.completeness</c>.</summary>
[Flags]
public enum Completeness : byte
{
    /// <summary>Nothing yet.</summary>
    None = 0,
    /// <summary>A SYN opened the conversation (seen on its first packet).</summary>
    Syn = 1,
    /// <summary>A SYN/ACK.</summary>
    SynAck = 2,
    /// <summary>A pure ACK.</summary>
    Ack = 4,
    /// <summary>Data.</summary>
    Data = 8,
    /// <summary>A FIN with ACK.</summary>
    Fin = 16,
    /// <summary>A RST.</summary>
    Rst = 32,
}

/// <summary>One TCP conversation (one <c>tcp.stream</c>): both directions and shared timing.</summary>
internal sealed class Conversation(int stream, bool firstFromLow, ConnectionKey key)
{
    public int Stream { get; } = stream;

    public ConnectionKey Key { get; } = key;

    /// <summary>Direction of the stream's first frame: true when the lower endpoint sent it.</summary>
    public bool FirstFromLow { get; } = firstFromLow;

    public Flow Low { get; } = new();

    public Flow High { get; } = new();

    public Completeness Completeness;

    /// <summary>Time of the most recent pure SYN (ns), 0 when none.</summary>
    public long LastSynTime;

    /// <summary>Initial RTT (ns), 0 while unknown.</summary>
    public long InitialRtt;

    /// <summary>Time of the latest packet (ns).</summary>
    public long LastTime;

    /// <summary>Frame number of the latest packet.</summary>
    public long LastPacket;

    public bool SeenLow;
    public bool SeenHigh;
    public bool FinLow;
    public bool FinHigh;
    public bool RstSeen;

    /// <summary>Reset, or FIN sent both ways: only stray packets can follow.</summary>
    public bool IsClosed => RstSeen || (FinLow && FinHigh);

    /// <summary>Both endpoints have sent something.</summary>
    public bool Answered => SeenLow && SeenHigh;
}
