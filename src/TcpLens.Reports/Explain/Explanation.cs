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
