using TcpLens.Reports.Quality;
using Q = TcpLens.Results.Columns<TcpLens.Reports.Quality.QualityRow>;

namespace TcpLens.Results.Tables;

/// <summary>The quality table: new sessions per server in the window, and the share that lost packets.</summary>
public static class QualityTable
{
    /// <summary>The table.</summary>
    public static Table<QualityRow> Table { get; } = new("quality", "New sessions to one server (or 'all') in the window, and how many lost packets or retransmitted.",
    [
        Q.Text("server", "the server endpoint, or 'all'", r => r.Server),
        Q.Integer("new_sessions", "sessions whose first SYN without ACK falls in the window", r => r.NewSessions, label: "new"),
        Q.Integer("sessions_with_loss", "of them, those with a lost_segment or ack_lost_segment frame", r => r.SessionsWithLoss, label: "with_loss"),
        Q.Decimal("loss_percent", "sessions_with_loss as a percentage of new_sessions", 2, r => Percent(r.SessionsWithLoss, r.NewSessions), "%", "loss_%"),
        Q.Integer("sessions_with_retransmissions", "of them, those with a retransmitted frame", r => r.SessionsWithRetransmissions, label: "with_retr"),
        Q.Decimal("retransmission_percent", "sessions_with_retransmissions as a percentage of new_sessions", 2, r => Percent(r.SessionsWithRetransmissions, r.NewSessions), "%", "retr_%"),
        Q.Integer("lost_segment_frames", "lost_segment frames of those sessions", r => r.LostSegmentFrames, "frames", "lost"),
        Q.Integer("ack_lost_segment_frames", "ack_lost_segment frames of those sessions", r => r.AckLostSegmentFrames, "frames", "acklost"),
        Q.Time("first_syn", "the first new session's SYN", r => r.FirstSyn),
        Q.Time("last_syn", "the last new session's SYN", r => r.LastSyn),
        Q.Text("file", "with --per-file: the file of the sessions' first SYN", r => r.File.Length == 0 ? null : r.File),
    ]);

    // the exact percentage at two decimals, rounded half away from zero
    private static long Percent(long part, long whole) => whole == 0 ? 0 : (long)Math.Round(10_000m * part / whole, MidpointRounding.AwayFromZero);
}
