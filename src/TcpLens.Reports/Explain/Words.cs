using System.Globalization;

namespace TcpLens.Reports.Explain;

/// <summary>
/// Small formatting helpers for the narrative. Identifiers (frame and sequence numbers) are never
/// grouped, so they can be pasted into Wireshark; byte counts are grouped with commas, never with
/// a space, since spaces separate the words around them.
/// </summary>
internal static class Words
{
    public static string Ms(long ns) => (ns / 1e6).ToString(ns < 10_000_000 ? "0.000" : "0.0", CultureInfo.InvariantCulture) + " ms";

    public static string Duration(long ns) => ns >= 10_000_000_000 ? (ns / 1e9).ToString("0.0", CultureInfo.InvariantCulture) + " s"
        : ns >= 1_000_000_000 ? (ns / 1e9).ToString("0.000", CultureInfo.InvariantCulture) + " s" : Ms(ns);

    /// <summary>"0.004-0.012 ms" style: one value when both ends format alike.</summary>
    public static string DurationRange(long min, long max)
    {
        string a = Duration(min), b = Duration(max);
        return a == b ? a : $"{a[..a.LastIndexOf(' ')]}–{b}";
    }

    public static string Grouped(long n) => n.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Bytes(long n) => Grouped(n) + (n == 1 ? " byte" : " bytes");

    public static string Count(long n, string noun) => n.ToString(CultureInfo.InvariantCulture) + " " + noun + (n == 1 ? "" : "s");

    /// <summary>A count with an irregular plural ("1 copy", "2 copies").</summary>
    public static string Count(long n, string one, string many) => n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? one : many);

    public static string N(long n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>"frame 12", "frames 12 and 14", "frames 12, 14, 19 and 7 more (last 80)".</summary>
    public static string Frames(IReadOnlyList<long> frames, int show = 8)
    {
        if (frames.Count == 1)
        {
            return "frame " + N(frames[0]);
        }
        if (frames.Count <= show)
        {
            return "frames " + string.Join(", ", frames.Take(frames.Count - 1).Select(N)) + " and " + N(frames[^1]);
        }
        return "frames " + string.Join(", ", frames.Take(show).Select(N)) + $" and {frames.Count - show} more (last {N(frames[^1])})";
    }

    /// <summary>"frame 12", "frames 12–40".</summary>
    public static string FrameSpan(long first, long last) => first == last ? "frame " + N(first) : $"frames {N(first)}–{N(last)}";

    public static string Rate(long bytes, long ns) => ns <= 0 ? "" :
        (bytes * 8 / (ns / 1e9) / 1e6).ToString(bytes * 8 / (ns / 1e9) < 10e6 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " Mbit/s";

    public static string Cap(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
