namespace TcpLens.Analysis.Streams;

/// <summary>Completeness bits of Wireshark's <c>tcp.completeness</c>.</summary>
[Flags]
internal enum Completeness : byte
{
    None = 0,
    Syn = 1,
    SynAck = 2,
    Ack = 4,
    Data = 8,
    Fin = 16,
    Rst = 32,
}

/// <summary>One TCP conversation (one <c>tcp.stream</c>): both directions and shared timing.</summary>
internal sealed class Conversation(int stream, bool firstFromLow)
{
    public int Stream { get; } = stream;

    /// <summary>Direction of the stream's first frame: true when the lower endpoint sent it.</summary>
    public bool FirstFromLow { get; } = firstFromLow;

    public Flow Low { get; } = new();

    public Flow High { get; } = new();

    public Completeness Completeness;

    /// <summary>Time of the most recent pure SYN (ns), 0 when none.</summary>
    public long LastSynTime;

    /// <summary>Initial RTT (ns), 0 while unknown.</summary>
    public long InitialRtt;
}
