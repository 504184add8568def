using TcpLens.Analysis.Sessions;
using TcpLens.Capture;

namespace TcpLens.Analysis.Timelines;

/// <summary>A session of one timeline of a <see cref="CaptureSet"/>.</summary>
/// <param name="Timeline">The timeline's index in <see cref="CaptureSet.Timelines"/>; stream numbers count within it.</param>
/// <param name="Session">The session, numbered as Wireshark numbers it in that timeline.</param>
/// <param name="File">The file holding the session's first frame.</param>
/// <param name="TimelineStart">Time of the timeline's first frame: the origin of offsets such as "+30s".</param>
public sealed record TimelineSession(int Timeline, Session Session, string File, Timestamp TimelineStart);
