using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;
using TcpLens.Capture;
using TcpLens.Capture.Decoding;
using TcpLens.Reports.Ladder;

namespace TcpLens.Plots.Series;

/// <summary>
/// One stream's frames as series for charts: client side and server side, times in seconds since
/// the stream's first frame. The client is chosen as in the sessions table.
/// </summary>
public sealed class StreamSeries
{
    private StreamSeries(int stream, Endpoint client, Endpoint server, Timestamp start)
    {
        Stream = stream;
        Client = client;
        Server = server;
        Start = start;
    }

    /// <summary><c>tcp.stream</c>.</summary>
    public int Stream { get; }

    /// <summary>The client's address and port.</summary>
    public Endpoint Client { get; }

    /// <summary>The server's address and port.</summary>
    public Endpoint Server { get; }

    /// <summary>Time of the stream's first frame.</summary>
    public Timestamp Start { get; }

    /// <summary>What the client sent.</summary>
    public DirectionSeries ClientToServer { get; } = new("client");

    /// <summary>What the server sent.</summary>
    public DirectionSeries ServerToClient { get; } = new("server");

    /// <summary>"stream 17: 10.0.0.1:51234 → 10.0.0.2:443".</summary>
    public string Title => $"stream {Stream}: {Client} → {Server}";

    /// <summary>Seconds from the first frame to the last.</summary>
    public double Duration => Math.Max(ClientToServer.Time.LastOrDefault(), ServerToClient.Time.LastOrDefault());

    /// <summary>Frames of both sides.</summary>
    public int FrameCount => ClientToServer.Count + ServerToClient.Count;

    /// <summary>
    /// Reads the rest of <paramref name="capture"/> and returns stream <paramref name="stream"/>,
    /// or null when the capture has no such stream.
    /// </summary>
    public static StreamSeries? Collect(TcpCapture capture, int stream)
    {
        ArgumentNullException.ThrowIfNull(capture);
        var frames = new List<AnalyzedPacket>();
        while (capture.TryReadPacket(out AnalyzedPacket p))
        {
            if (p.Analysis.HasStream && p.Analysis.Stream == stream)
            {
                frames.Add(p);
            }
        }
        return frames.Count == 0 ? null : Build(stream, frames);
    }

    /// <summary>
    /// The series of several sessions found by an earlier pass (<see cref="TcpCapture.Sessions()"/>),
    /// keyed by stream: reads <paramref name="files"/> (one timeline, as that pass read them) again
    /// from the first session's first frame to the last one's last frame, keeps only those
    /// sessions' frames, and analyses them afresh. Wireshark's analysis of a connection depends only
    /// on that connection's frames, so flags, relative numbers, RTTs and bytes in flight are those
    /// of the full pass, at the cost of reading, not analysing, the rest. (One exception: the
    /// reused-ports flag of a SYN, which depends on the earlier connection left out.)
    /// </summary>
    public static IReadOnlyDictionary<int, StreamSeries> CollectMany(IReadOnlyList<string> files, IReadOnlyList<Session> sessions, AnalysisOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(sessions);
        var result = new Dictionary<int, StreamSeries>();
        if (sessions.Count == 0 || files.Count == 0)
        {
            return result;
        }
        var wanted = new FrameFilter(sessions);
        var frames = sessions.ToDictionary(s => s.Stream, _ => new List<AnalyzedPacket>());
        var analyzer = new TcpAnalyzer(options);
        using CaptureReader reader = CaptureReader.Open(files);
        while (reader.TryRead(out CaptureFrame frame))
        {
            if (frame.Number < wanted.FirstFrame)
            {
                continue;
            }
            if (frame.Number > wanted.LastFrame)
            {
                break;
            }
            PacketDecoder.Decode(frame, out TcpSegment segment);
            if (!segment.IsAnalysedTcp || wanted.StreamOf(frame.Number, segment) is not { } stream)
            {
                continue;
            }
            PacketAnalysis analysis = analyzer.Analyze(frame.Number, frame.Time.TotalNanoseconds, segment);
            frames[stream].Add(new AnalyzedPacket(frame.Number, frame.Time, frame.OriginalLength, segment, analysis with { Stream = stream }));
        }
        foreach ((int stream, List<AnalyzedPacket> list) in frames)
        {
            if (list.Count > 0)
            {
                result[stream] = Build(stream, list);
            }
        }
        return result;
    }

    private static StreamSeries Build(int stream, List<AnalyzedPacket> frames)
    {
        ClientOrientation orientation = ClientRule.Orient(frames);
        Endpoint client = orientation.Client;
        var series = new StreamSeries(stream, client, orientation.Server, frames[0].Time);
        long start = frames[0].Time.TotalNanoseconds;
        foreach (AnalyzedPacket p in frames)
        {
            double t = (p.Time.TotalNanoseconds - start) / 1e9;
            bool fromClient = p.Segment.SourceEndpoint == client;
            (fromClient ? series.ClientToServer : series.ServerToClient).Add(t, p);
        }
        return series;
    }
}
