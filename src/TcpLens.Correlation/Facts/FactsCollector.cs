using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;
using TcpLens.Capture;
using TcpLens.Capture.Decoding;

namespace TcpLens.Correlation.Facts;

/// <summary>
/// Reads a capture once and keeps, per stream, the facts correlation needs. Memory grows with
/// the number of streams (about 0.7 kB each), not with packets.
/// </summary>
public static class FactsCollector
{
    /// <summary>Analyses the capture at <paramref name="path"/> (reading ahead on a second core).</summary>
    public static CaptureFacts Collect(string path, AnalysisOptions? options = null)
    {
        using TcpCapture capture = Environment.ProcessorCount > 1
            ? TcpCapture.OpenReadAhead(path, options)
            : TcpCapture.Open(path, options);
        return Collect(capture);
    }

    /// <summary>Reads a client-side and a server-side capture at the same time, one core each.</summary>
    public static (CaptureFacts Client, CaptureFacts Server) CollectBoth(TcpCapture client, TcpCapture server) =>
        Both(() => Collect(client), () => Collect(server));

    /// <summary>Analyses the captures at two paths at the same time, one core each.</summary>
    public static (CaptureFacts Client, CaptureFacts Server) CollectBoth(string clientPath, string serverPath, AnalysisOptions? options = null) =>
        Both(() => Collect(clientPath, options), () => Collect(serverPath, options));

    private static (CaptureFacts, CaptureFacts) Both(Func<CaptureFacts> client, Func<CaptureFacts> server)
    {
        Task<CaptureFacts> c = Task.Run(client);
        Task<CaptureFacts> s = Task.Run(server);
        return (c.GetAwaiter().GetResult(), s.GetAwaiter().GetResult());
    }

    /// <summary>Reads the rest of <paramref name="capture"/>.</summary>
    public static CaptureFacts Collect(TcpCapture capture)
    {
        var builders = new List<Builder>();
        long tcpFrames = 0;
        Timestamp? last = null;
        while (capture.TryReadPacket(out AnalyzedPacket p))
        {
            if (p.Segment.Outcome == DecodeOutcome.IcmpQuotedTcp || !p.Analysis.HasStream)
            {
                continue;
            }
            tcpFrames++;
            last = p.Time;
            int stream = p.Analysis.Stream;
            while (builders.Count <= stream)
            {
                builders.Add(null!);
            }
            Builder b = builders[stream] ??= new Builder(stream, p);
            b.Add(p);
        }
        var streams = new StreamFacts[builders.Count];
        for (int i = 0; i < builders.Count; i++)
        {
            streams[i] = builders[i]?.Build() ?? new StreamFacts { Stream = i };
            builders[i] = null!;
        }
        return new CaptureFacts
        {
            Name = capture.Name,
            Streams = streams,
            FirstTime = capture.FirstFrameTime,
            LastTime = last,
            TcpFrames = tcpFrames,
            Error = capture.Error,
        };
    }

    // Sides are "A" (sender of the stream's first frame) and "B" until Build names the client.
    private sealed class Builder(int stream, in AnalyzedPacket first)
    {
        private readonly Endpoint _a = first.Segment.SourceEndpoint, _b = first.Segment.DestinationEndpoint;
        private readonly StreamFacts _facts = new() { Stream = stream, FirstFrame = first.Frame, Start = first.Time };
        private readonly List<SynTransmission> _synsA = new(1), _synsB = new(0), _synAcksA = new(0), _synAcksB = new(1);
        private readonly List<PacketMark> _marksA = [], _marksB = [];
        private SeqSpan _spanA, _spanB;
        private HandshakeSides _handshake = new();
        private long _packetsA, _packetsB;

        public void Add(in AnalyzedPacket p)
        {
            ref readonly TcpSegment s = ref p.Segment;
            bool fromA = p.Analysis.FromFirstSender;
            _facts.LastFrame = p.Frame;
            _facts.End = p.Time;
            if (fromA)
            {
                _packetsA++;
            }
            else
            {
                _packetsB++;
            }
            if (!s.HasFlags)
            {
                return;
            }
            bool syn = s.Has(TcpFlags.Syn), ack = s.Has(TcpFlags.Ack);
            if (syn)
            {
                _handshake.Note(fromA ? 0 : 1, s.Flags);
                var t = new SynTransmission(p.Frame, p.Time, s.Sequence, s.IpId, s.Ttl, s.TrafficClass,
                    s.HasMss ? s.Mss : null, s.HasWindowScale ? s.WindowScale : null, s.SackPermitted,
                    s.HasTimestamps ? s.TsValue : null, s.Window);
                (ack ? (fromA ? _synAcksA : _synAcksB) : (fromA ? _synsA : _synsB)).Add(t);
            }
            int length = s.PayloadLength + (syn ? 1 : 0) + (s.Has(TcpFlags.Fin) ? 1 : 0);
            if (fromA)
            {
                _spanA = _spanA.Include(s.Sequence, length);
            }
            else
            {
                _spanB = _spanB.Include(s.Sequence, length);
            }
            List<PacketMark> marks = fromA ? _marksA : _marksB;
            if (marks.Count < StreamFacts.FingerprintLength)
            {
                marks.Add(new PacketMark(s.IpId, s.Sequence, s.Acknowledgement, s.PayloadLength, s.Flags, p.Time));
            }
        }

        public StreamFacts Build()
        {
            ClientOrientation orientation = ClientRule.Orient(_handshake, _a, _b);
            bool clientIsA = orientation.ClientIsSide0;
            StreamFacts f = _facts;
            f.Client = orientation.Client;
            f.Server = orientation.Server;
            // the builder's lists become the facts' (no copy: every stream is held to the end)
            f.Syns = clientIsA ? _synsA : _synsB;
            f.SynAcks = clientIsA ? _synAcksB : _synAcksA;
            f.FirstC2S = clientIsA ? _marksA : _marksB;
            f.FirstS2C = clientIsA ? _marksB : _marksA;
            f.SpanC2S = clientIsA ? _spanA : _spanB;
            f.SpanS2C = clientIsA ? _spanB : _spanA;
            f.PacketsC2S = clientIsA ? _packetsA : _packetsB;
            f.PacketsS2C = clientIsA ? _packetsB : _packetsA;
            return f;
        }
    }
}
