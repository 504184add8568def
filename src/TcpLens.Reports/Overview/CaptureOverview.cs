using TcpLens.Analysis.Sessions;
using TcpLens.Capture;

namespace TcpLens.Reports.Overview;

/// <summary>
/// What was read, counted during the sessions pass itself (no extra pass over the capture):
/// the files, frames, TCP frames and connections, and the time span.
/// </summary>
public sealed class CaptureOverview
{
    /// <summary>The capture files, read as one timeline in this order.</summary>
    public required IReadOnlyList<string> Files { get; init; }

    /// <summary>Container and compression of each distinct kind of file read (the first file's first).</summary>
    public required IReadOnlyList<CaptureFormat> Formats { get; init; }

    /// <summary>Frames read (every protocol): Wireshark's frame count.</summary>
    public long Frames { get; init; }

    /// <summary>TCP frames that belong to a connection (both directions summed over sessions).</summary>
    public long TcpFrames { get; init; }

    /// <summary>Bytes on the wire of those TCP frames.</summary>
    public long TcpWireBytes { get; init; }

    /// <summary>TCP payload bytes (retransmissions included).</summary>
    public long PayloadBytes { get; init; }

    /// <summary>Connections (<c>tcp.stream</c> values).</summary>
    public long Sessions { get; init; }

    /// <summary>Time of the first frame of any protocol, or null without frames.</summary>
    public Timestamp? FirstFrame { get; init; }

    /// <summary>Time of the last TCP frame, or null without TCP.</summary>
    public Timestamp? LastTcpFrame { get; init; }

    /// <summary>Seconds from the first frame to the last TCP frame.</summary>
    public double DurationSeconds => FirstFrame is { } f && LastTcpFrame is { } l ? Math.Max(0, l - f) : 0;

    /// <summary>Damage met while reading (one line per damaged file): the report shows what could be read.</summary>
    public required IReadOnlyList<string> ReadErrors { get; init; }

    /// <summary>Counts the figures of one session; called for every session of the pass.</summary>
    internal sealed class Builder
    {
        private long _tcpFrames, _wireBytes, _payload, _sessions;
        private Timestamp? _lastTcp;

        public void Add(Session s)
        {
            _sessions++;
            _tcpFrames += s.ClientToServer.Packets + s.ServerToClient.Packets;
            _wireBytes += s.ClientToServer.WireBytes + s.ServerToClient.WireBytes;
            _payload += s.ClientToServer.PayloadBytes + s.ServerToClient.PayloadBytes;
            if (_lastTcp is not { } last || s.End > last)
            {
                _lastTcp = s.End;
            }
        }

        public CaptureOverview Build(CaptureReader reader, IReadOnlyList<CaptureFormat> formats, Timestamp? firstFrame) => new()
        {
            Files = [.. reader.Files],
            Formats = formats,
            Frames = reader.FramesRead,
            TcpFrames = _tcpFrames,
            TcpWireBytes = _wireBytes,
            PayloadBytes = _payload,
            Sessions = _sessions,
            FirstFrame = firstFrame,
            LastTcpFrame = _lastTcp,
            ReadErrors = [.. reader.Errors.Select(e => e.ToString())],
        };
    }
}
