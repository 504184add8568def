using TcpLens.Capture;

namespace TcpLens.Reports.Quality;

/// <summary>
/// New sessions to one server (or to all: <see cref="Server"/> = "all") in the monitoring
/// window, and how many of them lost packets or retransmitted.
/// </summary>
public sealed record QualityRow(
    string File,
    string Server,
    int NewSessions,
    int SessionsWithLoss,
    int SessionsWithRetransmissions,
    long LostSegmentFrames,
    long AckLostSegmentFrames,
    Timestamp? FirstSyn,
    Timestamp? LastSyn)
{
    /// <summary>Share of new sessions with a lost_segment or ack_lost_segment frame, in percent.</summary>
    public double LossPercent => NewSessions == 0 ? 0 : 100.0 * SessionsWithLoss / NewSessions;

    /// <summary>Share of new sessions with a retransmitted frame, in percent.</summary>
    public double RetransmissionPercent => NewSessions == 0 ? 0 : 100.0 * SessionsWithRetransmissions / NewSessions;
}
