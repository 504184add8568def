using TcpLens.Analysis.Sessions;
using TcpLens.Capture;
using TcpLens.Capture.Decoding;

namespace TcpLens.Plots.Series;

/// <summary>Which frames of a capture belong to some wanted sessions: same endpoints (either way round) within the session's frame range.</summary>
internal sealed class FrameFilter
{
    private readonly Dictionary<(Endpoint, Endpoint), List<Session>> _byEndpoints = [];

    public FrameFilter(IReadOnlyList<Session> sessions)
    {
        FirstFrame = long.MaxValue;
        foreach (Session s in sessions)
        {
            var key = Key(s.Client, s.Server);
            if (!_byEndpoints.TryGetValue(key, out List<Session>? list))
            {
                _byEndpoints[key] = list = [];
            }
            list.Add(s);
            FirstFrame = Math.Min(FirstFrame, s.FirstFrame);
            LastFrame = Math.Max(LastFrame, s.LastFrame);
        }
    }

    /// <summary>The first frame of any wanted session.</summary>
    public long FirstFrame { get; }

    /// <summary>The last frame of any wanted session.</summary>
    public long LastFrame { get; }

    /// <summary>The stream of the wanted session the frame belongs to, or null.</summary>
    public int? StreamOf(long frame, in TcpSegment segment)
    {
        if (!_byEndpoints.TryGetValue(Key(segment.SourceEndpoint, segment.DestinationEndpoint), out List<Session>? list))
        {
            return null;
        }
        foreach (Session s in list)
        {
            if (frame >= s.FirstFrame && frame <= s.LastFrame)
            {
                return s.Stream;
            }
        }
        return null;
    }

    // The same key whichever way the frame goes.
    private static (Endpoint, Endpoint) Key(Endpoint a, Endpoint b) => a <= b ? (a, b) : (b, a);
}
