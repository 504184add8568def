using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;
using TcpLens.Reports.Ladder;
using static TcpLens.Reports.Explain.Words;

namespace TcpLens.Reports.Explain;

/// <summary>
/// Builds the explanation of one connection from its frames, one at a time and in capture order:
/// each part keeps what it will tell, never the frames themselves, so a stream of millions of
/// frames is explained in one linear pass and in memory that follows its episodes.
/// </summary>
public sealed class StreamNarrator
{
    private readonly Session _session;
    private readonly ExplainContext _context;
    private readonly ExplainOptions _options;
    private readonly HandshakeStory _handshake = new();
    private readonly DataStory _data;
    private readonly AnomalyFinder _anomalies;
    private readonly CloseStory _close = new();
    private long _frames, _firstFrame, _lastFrame, _startNs = long.MinValue, _lastTime;
    private bool _sawClient, _sawServer;

    /// <summary>A narrator for <paramref name="session"/> (its summary from the sessions pass).</summary>
    public StreamNarrator(Session session, ExplainContext? context = null, ExplainOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
        _context = context ?? ExplainContext.None;
        _options = options ?? ExplainOptions.Default;
        _data = new DataStory(_options.DataTurnsShown);
        _anomalies = new AnomalyFinder(_options);
    }

    /// <summary>The stream explained.</summary>
    public int Stream => _session.Stream;

    /// <summary>Adds the stream's next frame (frames of other streams are ignored), with its payload as captured.</summary>
    public void Add(in AnalyzedPacket packet, ReadOnlySpan<byte> payload) => Add(packet, payload, null);

    /// <summary>Adds the stream's next frame with what its payload says, already described (a ladder frame's note).</summary>
    public void Add(in AnalyzedPacket packet, string? payloadNote) => Add(packet, default, payloadNote);

    private void Add(in AnalyzedPacket packet, ReadOnlySpan<byte> payload, string? note)
    {
        if (!packet.Analysis.HasStream || packet.Analysis.Stream != _session.Stream || packet.Segment.Outcome == Capture.Decoding.DecodeOutcome.IcmpQuotedTcp)
        {
            return;
        }
        long t = packet.Time.TotalNanoseconds;
        if (_startNs == long.MinValue)
        {
            _startNs = t;
            _firstFrame = packet.Frame;
        }
        bool c2s = packet.Segment.SourceEndpoint == _session.Client;
        var f = ExplainFrame.Of(packet, c2s, t - _startNs);
        _frames++;
        _lastFrame = packet.Frame;
        _lastTime = f.Time;
        _sawClient |= c2s;
        _sawServer |= !c2s;
        _handshake.Add(f);
        _data.Add(f, !_data.WantsNote(f) ? null : note ?? (payload.IsEmpty ? null : PayloadNotes.Describe(payload)));
        _anomalies.Add(f);
        _close.Add(f);
    }

    /// <summary>The explanation of everything added so far.</summary>
    public Explanation Finish()
    {
        if (_frames == 0)
        {
            throw new InvalidOperationException($"no frame of stream {_session.Stream} was added");
        }
        Session s = _session;
        var timing = new AnomalyText.Timing(_anomalies.RoundTripNs, _anomalies.TimeoutFloorNs, _context.Before(s.Stream));
        List<string> anomalies = AnomalyLines.Write(_anomalies.Groups, timing, _options.MaxAnomalyLines, out AnomalyLines.Totals totals, out List<AnomalyGroup> lines);
        string summary = $"Stream {s.Stream}: client {s.Client} to server {s.Server}, " +
            $"{Count(_frames, "frame")} from frame {N(_firstFrame)} to frame {N(_lastFrame)} over {Duration(_lastTime)}; " +
            $"Zeek state {ConnStateNames.Name(s.State)} (history {s.History}), closed by {ClosedByNames.Name(s.ClosedBy)}.";
        return new Explanation(
            summary,
            _handshake.Lines(s, _context),
            _data.Lines(s),
            anomalies,
            _close.Lines(_handshake, _lastFrame),
            ExplainVerdict.Write(s, _handshake, _close, totals, _context, !(_sawClient && _sawServer), _options))
        {
            AnomalousFrames = _anomalies.AnomalousFrames,
            Counts = totals.Counts(),
            AnomalyFrameRanges = [.. lines.Select(g => (g.FirstFrame, g.LastFrame))],
        };
    }
}
