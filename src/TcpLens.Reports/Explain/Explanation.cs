namespace TcpLens.Reports.Explain;

/// <summary>A connection told in plain words, section by section; every statement names its frames.</summary>
public sealed record Explanation(
    string Summary,
    IReadOnlyList<string> Handshake,
    IReadOnlyList<string> Data,
    IReadOnlyList<string> Anomalies,
    IReadOnlyList<string> Close,
    string Verdict)
{
    /// <summary>Frames of the stream that carry a Wireshark analysis flag.</summary>
    public long AnomalousFrames { get; init; }

    /// <summary>
    /// The events told, counted by stable name (fast_retransmission, sack_recovery, partial_ack_resend,
    /// tail_loss_probe, timeout, unexplained_resend, spurious_retransmission, path_copy, duplicate_ack,
    /// zero_window, ..., and gaps with gaps_lost_and_resent, gaps_reordered, gaps_missed_by_capture,
    /// gaps_never_resent): the same figures as the totals line, for scripts.
    /// </summary>
    public IReadOnlyDictionary<string, long> Counts { get; init; } = new Dictionary<string, long>();

    /// <summary>The first and last frame of each anomaly line (after the totals line): every anomalous frame lies in one of them.</summary>
    public IReadOnlyList<(long First, long Last)> AnomalyFrameRanges { get; init; } = [];

    /// <summary>The whole text, sections headed, for a terminal or a ticket.</summary>
    public string ToText()
    {
        var lines = new List<string> { Summary, "" };
        Section(lines, "Handshake", Handshake);
        Section(lines, "Data", Data);
        Section(lines, Anomalies.Count == 0 ? "Anomalies: none" : $"Anomalies ({Anomalies.Count})", Anomalies);
        Section(lines, "Close", Close);
        lines.Add("Verdict: " + Verdict);
        return string.Join(Environment.NewLine, lines);
    }

    private static void Section(List<string> lines, string title, IReadOnlyList<string> body)
    {
        lines.Add(title);
        foreach (string line in body)
        {
            lines.Add("  - " + line);
        }
        lines.Add("");
    }
}
