using System.Runtime.CompilerServices;
using TcpLens.Analysis.Sessions;
using TcpLens.Capture;
using TcpLens.Capture.Decoding;

namespace TcpLens.Analysis;

/// <summary>
/// A capture file read as TCP: frames are read, decoded and analysed in one streaming pass.
/// The entry point for C# users:
/// <code>
/// using var capture = TcpCapture.Open("trace.pcapng");
/// foreach (AnalyzedPacket p in capture.Packets()) { ... }
/// if (capture.Error is { } e) Console.Error.WriteLine(e);
/// </code>
/// </summary>
public sealed class TcpCapture : IDisposable
{
    private readonly CaptureReader _reader;
    private readonly ReadAheadDecoder? _readAhead;

    private TcpCapture(CaptureReader reader, AnalysisOptions? options, bool readAhead)
    {
        _reader = reader;
        Analyzer = new TcpAnalyzer(options);
        if (readAhead)
        {
            _readAhead = new ReadAheadDecoder(reader);
        }
    }

    /// <summary>
    /// Opens a capture (pcap or pcapng, plain, gzip or zstd).
    /// Throws <see cref="CaptureFormatException"/> when the file is not a readable capture.
    /// </summary>
    public static TcpCapture Open(string path, AnalysisOptions? options = null) => new(CaptureReader.Open(path), options, readAhead: false);

    /// <summary>
    /// Opens a capture that is read and decoded on a second thread while this one analyses:
    /// faster on a machine with a free core, same results (read problems still end up in
    /// <see cref="Error"/>).
    /// </summary>
    public static TcpCapture OpenReadAhead(string path, AnalysisOptions? options = null) => new(CaptureReader.Open(path), options, readAhead: true);

    /// <summary>
    /// Opens several captures as one timeline (rotated files, in the order given): frame numbers
    /// go on across files (<see cref="CaptureReader.FrameInFile"/> gives a file's own numbers),
    /// and a connection spanning two files is one stream.
    /// </summary>
    public static TcpCapture Open(IReadOnlyList<string> paths, AnalysisOptions? options = null, bool readAhead = false) =>
        new(CaptureReader.Open(paths), options, readAhead);

    /// <summary>Reads a capture from a stream; <paramref name="name"/> names it in errors.</summary>
    public static TcpCapture Open(Stream stream, string name, AnalysisOptions? options = null) =>
        new(CaptureReader.Open(stream, name), options, readAhead: false);

    /// <summary>The file name used in errors.</summary>
    public string Name => _reader.Name;

    /// <summary>The underlying reader (format, interfaces, frames read so far).</summary>
    public CaptureReader Reader => _reader;

    /// <summary>The analysis state: streams created so far and their per-direction state.</summary>
    public TcpAnalyzer Analyzer { get; }

    /// <summary>Time of the capture's first frame (any protocol), once read: the origin of offsets such as "+30s".</summary>
    public Timestamp? FirstFrameTime { get; private set; }

    /// <summary>Where and why reading stopped early, or null when the file was read to its end.</summary>
    public CaptureError? Error => _reader.Error;

    /// <summary>
    /// Reads frames up to the next one Wireshark dissects as TCP (including damaged headers and
    /// TCP quoted in ICMP errors) and returns it analysed. False at the end of the capture.
    /// Allocates nothing per frame.
    /// </summary>
    public bool TryReadPacket(out AnalyzedPacket packet) => TryReadPacket(out packet, out _);

    /// <summary>
    /// <see cref="TryReadPacket(out AnalyzedPacket)"/> with the TCP payload bytes the capture
    /// holds for the frame (up to the snap length), valid until the next read. A capture opened
    /// with read-ahead has no frame bytes here: the payload is then empty.
    /// </summary>
    public bool TryReadPacket(out AnalyzedPacket packet, out ReadOnlySpan<byte> payload)
    {
        payload = default;
        if (_readAhead is not null)
        {
            return TryReadAhead(out packet);
        }
        Unsafe.SkipInit(out packet);
        // Decode and analyse straight into the caller's packet: the segment is large, and
        // copying it per frame costs more than the analysis of many frames.
        ref TcpSegment segment = ref Unsafe.AsRef(in packet.Segment);
        while (_reader.TryRead(out CaptureFrame frame))
        {
            FirstFrameTime ??= frame.Time;
            PacketDecoder.Decode(frame, out segment);
            if (!segment.IsAnalysedTcp)
            {
                continue;
            }
            Unsafe.AsRef(in packet.Analysis) = Analyzer.Analyze(frame.Number, frame.Time.TotalNanoseconds, segment);
            Unsafe.AsRef(in packet.Frame) = frame.Number;
            Unsafe.AsRef(in packet.Time) = frame.Time;
            Unsafe.AsRef(in packet.WireLength) = frame.OriginalLength;
            int start = Math.Clamp(segment.PayloadOffset, 0, frame.Data.Length);
            payload = frame.Data.Slice(start, Math.Clamp(segment.CapturedPayloadLength, 0, frame.Data.Length - start));
            return true;
        }
        packet = default;
        return false;
    }

    private bool TryReadAhead(out AnalyzedPacket packet)
    {
        Unsafe.SkipInit(out packet);
        if (!_readAhead!.TryNext(out int index, out ReadAheadDecoder.DecodedFrame[] items))
        {
            packet = default;
            return false;
        }
        FirstFrameTime ??= _readAhead.FirstFrameTime;
        ref ReadAheadDecoder.DecodedFrame f = ref items[index];
        Unsafe.AsRef(in packet.Segment) = f.Segment;
        Unsafe.AsRef(in packet.Analysis) = Analyzer.Analyze(f.Number, f.Time.TotalNanoseconds, f.Segment);
        Unsafe.AsRef(in packet.Frame) = f.Number;
        Unsafe.AsRef(in packet.Time) = f.Time;
        Unsafe.AsRef(in packet.WireLength) = f.WireLength;
        return true;
    }

    /// <summary>Every TCP frame of the capture, analysed, in capture order.</summary>
    public IEnumerable<AnalyzedPacket> Packets()
    {
        while (TryReadPacket(out AnalyzedPacket packet))
        {
            yield return packet;
        }
    }

    /// <summary>
    /// Every connection of the capture, one <see cref="Session"/> per stream, in stream order,
    /// each as soon as it has ended (and every earlier one): a streaming pass whose memory
    /// follows the connections open at a time. Reads the rest of the capture.
    /// </summary>
    public IEnumerable<Session> Sessions()
    {
        var tracker = new SessionTracker();
        while (TryReadPacket(out AnalyzedPacket packet))
        {
            tracker.Add(packet);
            while (Analyzer.TryTakeEndedStream(out int stream))
            {
                tracker.End(stream);
            }
            while (tracker.TryTake(out Session session))
            {
                yield return session;
            }
        }
        Analyzer.EndAll();
        while (Analyzer.TryTakeEndedStream(out int stream))
        {
            tracker.End(stream);
        }
        while (tracker.TryTake(out Session session))
        {
            yield return session;
        }
    }

    /// <summary>
    /// <see cref="Sessions()"/> computed on <paramref name="workers"/> threads (plus one reading):
    /// the same sessions in the same order, faster with free cores. For a capture opened with
    /// <see cref="Open(string, AnalysisOptions?)"/>; reads the rest of the capture.
    /// </summary>
    public IEnumerable<Session> Sessions(int workers)
    {
        if (workers <= 1 || _readAhead is not null)
        {
            foreach (Session s in Sessions())
            {
                yield return s;
            }
            yield break;
        }
        using var parallel = new ParallelSessions(_reader, Analyzer.Options, workers);
        foreach (Session s in parallel.Sessions())
        {
            FirstFrameTime ??= parallel.FirstFrameTime;
            yield return s;
        }
        FirstFrameTime ??= parallel.FirstFrameTime;
    }

    /// <summary>Stops reading and closes the file.</summary>
    public void Dispose()
    {
        _readAhead?.Dispose();
        _reader.Dispose();
    }
}
