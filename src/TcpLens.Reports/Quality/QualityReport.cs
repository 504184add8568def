using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;
using TcpLens.Capture;

namespace TcpLens.Reports.Quality;

/// <summary>
/// The share of NEW TCP sessions in a monitoring window that lost packets: the measure of
/// whether a capture point (SPAN, tap, load-balancer clone) is good enough to rebuild sessions.
/// A session is new when its first SYN without ACK falls in the window, so sessions already in
/// flight at the window's start are left out; it lost packets when any of its frames carries
/// Wireshark's lost_segment or ack_lost_segment (a gap in what the capture holds), and
/// retransmitted when any carries retransmission (which Wireshark also sets on fast and
/// spurious retransmissions).
/// </summary>
public sealed class QualityReport
{
    private static readonly IComparer<(string File, string Server)> Ordinal =
        Comparer<(string File, string Server)>.Create((a, b) =>
            string.CompareOrdinal(a.File, b.File) is var c and not 0 ? c : string.CompareOrdinal(a.Server, b.Server));

    private readonly QualityOptions _options;
    private readonly Func<long, string> _fileOf;
    private readonly SortedDictionary<(string File, string Server), Tally> _groups = new(Ordinal);

    /// <param name="options">Window, servers, per-file.</param>
    /// <param name="fileOf">The file name of a frame number (the file of the session's first SYN).</param>
    public QualityReport(QualityOptions options, Func<long, string> fileOf)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(fileOf);
        _options = options;
        _fileOf = fileOf;
    }

    /// <summary>Rows for <paramref name="sessions"/> (see <see cref="Rows"/>).</summary>
    public static List<QualityRow> Build(IEnumerable<Session> sessions, Func<long, string> fileOf, QualityOptions options)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var report = new QualityReport(options, fileOf);
        foreach (Session s in sessions)
        {
            report.Add(s);
        }
        return report.Rows();
    }

    /// <summary>Counts one session if it is new in the window and to a selected server.</summary>
    public void Add(Session s)
    {
        ArgumentNullException.ThrowIfNull(s);
        Add(s, _options.PerFile ? _fileOf(s.FirstFrame) : "");
    }

    /// <summary>
    /// <see cref="Add(Session)"/> with the session's file given (for sessions of several
    /// timelines, whose frame numbers each start at 1).
    /// </summary>
    public void Add(Session s, string file)
    {
        ArgumentNullException.ThrowIfNull(s);
        Seen++;
        if (s.FirstSynAt is not { } syn)
        {
            WithoutSyn++;
            return;
        }
        if ((_options.From is { } from && syn < from) || (_options.To is { } to && syn >= to))
        {
            SynOutsideWindow++;
            return;
        }
        if (_options.Servers.Count > 0 && !_options.Servers.Any(x => x.Matches(s.Server)))
        {
            OtherServers++;
            return;
        }
        file = _options.PerFile ? file : "";
        string server = s.Server.ToString();
        TallyOf(file, server).Add(s, syn);
        TallyOf(file, AllKey).Add(s, syn);
    }

    /// <summary>Sessions offered to <see cref="Add(Session, string)"/>, counted or not.</summary>
    public long Seen { get; private set; }

    /// <summary>Sessions left out because the capture holds no SYN of theirs: open before it began (or the SYN was not captured).</summary>
    public long WithoutSyn { get; private set; }

    /// <summary>Sessions left out because their first SYN falls outside the window.</summary>
    public long SynOutsideWindow { get; private set; }

    /// <summary>Sessions left out because their server is not one of <see cref="QualityOptions.Servers"/>.</summary>
    public long OtherServers { get; private set; }

    /// <summary>Sessions counted as new.</summary>
    public long Counted => Seen - WithoutSyn - SynOutsideWindow - OtherServers;

    /// <summary>
    /// When sessions were seen but none counted (every figure is zero), why, in one sentence for
    /// the user: quality counts new sessions only; else null.
    /// </summary>
    public string? WhyNothingCounted()
    {
        if (Seen == 0 || Counted > 0)
        {
            return null;
        }
        var why = new List<string>(4) { $"{Sessions(Seen)} seen" };
        if (WithoutSyn > 0)
        {
            why.Add($"{WithoutSyn} without a SYN in the capture: already open when it began");
        }
        if (SynOutsideWindow > 0)
        {
            why.Add($"{SynOutsideWindow} with the first SYN outside the window");
        }
        if (OtherServers > 0)
        {
            why.Add($"{OtherServers} to other servers");
        }
        string what = OtherServers > 0 ? "no connection to the servers asked for" : "no connection in this capture";
        return $"{what} starts with a SYN inside the window: quality counts new sessions only ({string.Join("; ", why)})";
    }

    private static string Sessions(long n) => n == 1 ? "1 session" : $"{n} sessions";

    /// <summary>One row per server (in order), then "all"; with <see cref="QualityOptions.PerFile"/>, that per file.</summary>
    public List<QualityRow> Rows()
    {
        var rows = new List<QualityRow>(_groups.Count + 1);
        rows.AddRange(_groups.Select(g => g.Value.ToRow(g.Key.File, g.Key.Server == AllKey ? "all" : g.Key.Server)));
        if (rows.Count == 0)
        {
            rows.Add(new Tally().ToRow("", "all"));
        }
        return rows;
    }

    // sorts after every address
    private const string AllKey = "\uffffall";

    private Tally TallyOf(string file, string server)
    {
        if (!_groups.TryGetValue((file, server), out Tally? t))
        {
            _groups[(file, server)] = t = new Tally();
        }
        return t;
    }

    private sealed class Tally
    {
        private int _sessions, _withLoss, _withRetransmissions;
        private long _lost, _ackLost;
        private Timestamp? _first, _last;

        public void Add(Session s, Timestamp syn)
        {
            int lost = s.Count(AnalysisFlags.LostSegment), ackLost = s.Count(AnalysisFlags.AckLostSegment);
            _sessions++;
            _withLoss += lost + ackLost > 0 ? 1 : 0;
            _withRetransmissions += s.Count(AnalysisFlags.Retransmission) > 0 ? 1 : 0;
            _lost += lost;
            _ackLost += ackLost;
            _first = _first is { } f && f <= syn ? f : syn;
            _last = _last is { } l && l >= syn ? l : syn;
        }

        public QualityRow ToRow(string file, string server) =>
            new(file, server, _sessions, _withLoss, _withRetransmissions, _lost, _ackLost, _first, _last);
    }
}
