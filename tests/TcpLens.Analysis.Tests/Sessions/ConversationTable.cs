using System.Globalization;
using System.Text.RegularExpressions;

namespace TcpLens.Analysis.Tests.Sessions;

/// <summary>One row of tshark's <c>-z conv,tcp</c> table (reference/NAME.conv.txt).</summary>
internal sealed record ConversationRow(
    string AddressA, int PortA, string AddressB, int PortB,
    long FramesBtoA, long BytesBtoA, string UnitBtoA, long FramesAtoB, long BytesAtoB, string UnitAtoB,
    decimal RelativeStartNs, decimal Duration);

internal static partial class ConversationTable
{
    public static List<ConversationRow> Read(string path)
    {
        var rows = new List<ConversationRow>();
        foreach (string line in File.ReadLines(path))
        {
            Match m = Row().Match(line);
            if (!m.Success)
            {
                continue;
            }
            string G(int i) => m.Groups[i].Value;
            long L(int i) => long.Parse(G(i), CultureInfo.InvariantCulture);
            rows.Add(new ConversationRow(G(1), (int)L(2), G(3), (int)L(4), L(5), L(6), G(7), L(8), L(9), G(10),
                decimal.Parse(G(14), CultureInfo.InvariantCulture) * 1_000_000_000m, decimal.Parse(G(15), CultureInfo.InvariantCulture)));
        }
        return rows;
    }

    /// <summary>True when tshark's rounded size (e.g. "62 kB") is what <paramref name="bytes"/> prints as.</summary>
    public static bool SizeMatches(long bytes, long shown, string unit) => unit switch
    {
        "bytes" => bytes == shown,
        "kB" => Math.Abs(bytes / 1e3 - shown) < 1,
        "MB" => Math.Abs(bytes / 1e6 - shown) < 1,
        "GB" => Math.Abs(bytes / 1e9 - shown) < 1,
        _ => false,
    };

    [GeneratedRegex(@"^(\S+):(\d+)\s+<->\s+(\S+):(\d+)\s+(\d+)\s+(\d+)\s+(bytes|kB|MB|GB)\s+(\d+)\s+(\d+)\s+(bytes|kB|MB|GB)\s+(\d+)\s+(\d+)\s+(bytes|kB|MB|GB)\s+(-?[\d.]+)\s+([\d.]+)\s*$")]
    private static partial Regex Row();
}
