using TcpLens.Capture.Decoding;

namespace TcpLens.Analysis.Tests.Scripted;

/// <summary>
/// One scripted frame between 10.0.0.1:40000 (client) and 10.0.0.2:80 (server): capture time in
/// ms after 1 s, raw sequence and acknowledgement numbers, flags, payload length, raw window and
/// the SYN options (MSS 0 = none, window scale -1 = none).
/// </summary>
internal readonly record struct ScriptedSegment(
    int Ms, bool FromClient, uint Seq, uint Ack, TcpFlags Flags, int Payload, ushort Window, ushort Mss, int WindowScale);

/// <summary>
/// What tshark shows for one frame: <c>tcp.seq</c>, <c>tcp.ack</c>, <c>tcp.len</c>,
/// <c>tcp.window_size</c>, the <c>tcp.analysis</c> flags, <c>tcp.stream</c>,
/// <c>duplicate_ack_num</c> (0 = absent), <c>bytes_in_flight</c> (-1 = absent), <c>ack_rtt</c>
/// and <c>initial_rtt</c> in ms (null = absent).
/// </summary>
internal readonly record struct TsharkFrame(
    uint Seq, uint Ack, int Len, long Win, AnalysisFlags Flags = AnalysisFlags.None, int Stream = 0,
    int DupAck = 0, long Bif = -1, long? RttMs = null, long? IrttMs = null);

/// <summary>
/// Builds scripted segments, feeds them to a fresh <see cref="TcpAnalyzer"/> and compares every
/// frame with tshark's view of the same packets. The pcaps were written by a small crafter with
/// the same addresses, ports, times (µs resolution), raw numbers and options, and no other fields
/// that matter to the analysis (IPv4, ip.id 1, TTL 64, zero checksums).
/// </summary>
internal static class SegmentScript
{
    public const TcpFlags Syn = TcpFlags.Syn;
    public const TcpFlags SynAck = TcpFlags.Syn | TcpFlags.Ack;
    public const TcpFlags Ack = TcpFlags.Ack;
    public const TcpFlags PshAck = TcpFlags.Psh | TcpFlags.Ack;
    public const TcpFlags FinAck = TcpFlags.Fin | TcpFlags.Ack;
    public const TcpFlags FinPshAck = TcpFlags.Fin | TcpFlags.Psh | TcpFlags.Ack;
    public const TcpFlags RstAck = TcpFlags.Rst | TcpFlags.Ack;

    public const AnalysisFlags R = AnalysisFlags.Retransmission;
    public const AnalysisFlags Fast = AnalysisFlags.FastRetransmission;
    public const AnalysisFlags Spurious = AnalysisFlags.SpuriousRetransmission;
    public const AnalysisFlags Lost = AnalysisFlags.LostSegment;
    public const AnalysisFlags AckLost = AnalysisFlags.AckLostSegment;
    public const AnalysisFlags Dup = AnalysisFlags.DuplicateAck;
    public const AnalysisFlags KeepAlive = AnalysisFlags.KeepAlive;
    public const AnalysisFlags KeepAliveAck = AnalysisFlags.KeepAliveAck;
    public const AnalysisFlags Reused = AnalysisFlags.ReusedPorts;

    private static readonly NetAddress ClientAddress = NetAddress.Parse("10.0.0.1");
    private static readonly NetAddress ServerAddress = NetAddress.Parse("10.0.0.2");
    private const ushort ClientPort = 40000;
    private const ushort ServerPort = 80;

    /// <summary>A client → server segment.</summary>
    public static ScriptedSegment Client(int ms, uint seq, uint ack, TcpFlags flags, int payload = 0,
        ushort window = 1000, ushort mss = 0, int wscale = -1) =>
        new(ms, true, seq, ack, flags, payload, window, mss, wscale);

    /// <summary>A server → client segment.</summary>
    public static ScriptedSegment Server(int ms, uint seq, uint ack, TcpFlags flags, int payload = 0,
        ushort window = 1000, ushort mss = 0, int wscale = -1) =>
        new(ms, false, seq, ack, flags, payload, window, mss, wscale);

    /// <summary>Analyses the frames in order and fails listing every frame that differs from tshark.</summary>
    public static void Check(ScriptedSegment[] frames, TsharkFrame[] expected)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(expected);
        Assert.Equal(expected.Length, frames.Length);
        var analyzer = new TcpAnalyzer();
        var wrong = new List<string>();
        for (int i = 0; i < frames.Length; i++)
        {
            TcpSegment segment = Build(frames[i]);
            PacketAnalysis a = analyzer.Analyze(i + 1, (1000L + frames[i].Ms) * 1_000_000, segment);
            Assert.True(a.HasStream, $"frame {i + 1} has no stream");
            var actual = new TsharkFrame(
                a.RelativeSeq, a.RelativeAck, a.SegmentLength, a.WindowSize, a.Flags, a.Stream,
                a.DupAckNumber, a.BytesInFlight, ToMs(a.AckRttNs), ToMs(a.InitialRttNs));
            if (actual != expected[i])
            {
                wrong.Add($"frame {i + 1}: tshark {expected[i]}, ours {actual}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    // whole ms compare exactly; anything finer shows up as a fraction that cannot match
    private static long? ToMs(long? ns) => ns is null ? null : ns % 1_000_000 == 0 ? ns / 1_000_000 : long.MinValue;

    private static TcpSegment Build(in ScriptedSegment s)
    {
        int options = (s.Mss != 0 ? 4 : 0) + (s.WindowScale >= 0 ? 4 : 0);   // MSS; NOP + window scale
        int header = 20 + options;
        return new TcpSegment
        {
            Outcome = DecodeOutcome.Tcp,
            IpVersion = 4,
            VlanId = -1,
            Source = s.FromClient ? ClientAddress : ServerAddress,
            Destination = s.FromClient ? ServerAddress : ClientAddress,
            IpId = 1,
            Ttl = 64,
            SourcePort = s.FromClient ? ClientPort : ServerPort,
            DestinationPort = s.FromClient ? ServerPort : ClientPort,
            Sequence = s.Seq,
            Acknowledgement = s.Ack,
            HeaderLength = (byte)header,
            Flags = s.Flags,
            Window = s.Window,
            TcpLength = header + s.Payload,
            PayloadLength = s.Payload,
            CapturedPayloadLength = s.Payload,
            PayloadOffset = 14 + 20 + header,
            HasMss = s.Mss != 0,
            Mss = s.Mss,
            HasWindowScale = s.WindowScale >= 0,
            WindowScale = (byte)Math.Max(s.WindowScale, 0),
            TcpHeaderBytesRead = header,
        };
    }
}
