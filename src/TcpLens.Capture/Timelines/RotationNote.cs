using System.Globalization;

namespace TcpLens.Capture.Timelines;

/// <summary>What <see cref="TimelinePlan"/> made of files whose names look like pieces of one rotation.</summary>
public enum RotationVerdict
{
    /// <summary>Each piece starts where the one before it ends: one rotated capture, one timeline.</summary>
    Joined,
    /// <summary>The pieces overlap in time or lie far apart: separate captures, one timeline each.</summary>
    Separated,
    /// <summary>A piece has no readable first frame: one timeline in name order, as a rotation is written.</summary>
    NameOrder,
}

/// <summary>
/// One decision of <see cref="TimelinePlan"/> about files of one folder whose names differ only in
/// digits, so that a tool can tell its user why stream numbers count across files (or do not).
/// </summary>
/// <param name="Verdict">What was decided.</param>
/// <param name="Timelines">The timelines made of these files, each in reading order.</param>
/// <param name="Reason">Why, in words: the seams that failed, or the piece whose time is unknown.</param>
public sealed record RotationNote(RotationVerdict Verdict, IReadOnlyList<IReadOnlyList<string>> Timelines, string Reason)
{
    /// <summary>Every file of the decision, timeline by timeline.</summary>
    public IEnumerable<string> Files => Timelines.SelectMany(t => t);

    /// <summary>One line for a terminal, such as "a1.pcap and a2.pcap: read as one rotated capture (…)".</summary>
    public override string ToString() => Verdict switch
    {
        RotationVerdict.Joined => $"{Names([.. Files])}: read as one rotated capture, in this order ({Reason})",
        RotationVerdict.Separated => $"{Names([.. Files])}: named like pieces of one rotation, but read as {Timelines.Count} separate captures ({Reason})",
        _ => $"{Names([.. Files])}: read as one rotated capture in name order ({Reason})",
    };

    /// <summary>"a", "a and b", "a, b and c", or for more "6 files, a … f".</summary>
    public static string Names(IReadOnlyList<string> files) => files.Count switch
    {
        0 => "no files",
        1 => files[0],
        2 => $"{files[0]} and {files[1]}",
        3 => $"{files[0]}, {files[1]} and {files[2]}",
        _ => string.Create(CultureInfo.InvariantCulture, $"{files.Count} files, {files[0]} … {files[^1]}"),
    };

    /// <summary>A duration for people: "3.2 ms", "2.383 s", "4 min 10 s", "2 h 5 min", "3 days".</summary>
    public static string Duration(long ns)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        ns = Math.Abs(ns);
        double s = ns / 1e9;
        return s switch
        {
            < 1 => string.Create(c, $"{ns / 1e6:0.###} ms"),
            < 60 => string.Create(c, $"{s:0.###} s"),
            < 3600 => string.Create(c, $"{(long)s / 60} min {(long)s % 60} s"),
            < 2 * 86400 => string.Create(c, $"{(long)s / 3600} h {(long)s % 3600 / 60} min"),
            _ => string.Create(c, $"{(long)s / 86400} days"),
        };
    }
}
