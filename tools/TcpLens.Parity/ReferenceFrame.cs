using System.Globalization;
using TcpLens.Analysis;

namespace TcpLens.Parity;

/// <summary>
/// One row of a tshark reference table (NAME.tcp.tsv.gz, made by make-references): the fields
/// tcplens must reproduce, parsed. Absent numbers are -1.
/// </summary>
public sealed record ReferenceFrame
{
    public long Frame { get; init; }
    public long Stream { get; init; } = -1;
    public long Seq { get; init; } = -1;
    public long Ack { get; init; } = -1;
    public long Len { get; init; } = -1;
    public long Window { get; init; } = -1;
    public AnalysisFlags Flags { get; init; }
    public long DupAckNum { get; init; } = -1;
    public long? AckRttNs { get; init; }
    public long? InitialRttNs { get; init; }

    /// <summary>
    /// tshark printed a time it could not normalise (a capture timestamp with 10^9 or more
    /// nanoseconds gives "0.(1000000000 nanoseconds)"): RTTs of this frame are not compared.
    /// </summary>
    public bool TimesUnreadable { get; init; }
    public long BytesInFlight { get; init; } = -1;

    /// <summary>Parses one data line given the header's column names.</summary>
    public static ReferenceFrame Parse(string[] names, string line)
    {
        string[] cells = line.Split('\t');
        string Cell(string name)
        {
            int i = Array.IndexOf(names, name);
            return i >= 0 && i < cells.Length ? cells[i] : "";
        }
        var flags = AnalysisFlags.None;
        foreach (string name in AnalysisFlagNames.All)
        {
            if (Cell("tcp.analysis." + name).Length > 0 && AnalysisFlagNames.TryParse(name, out AnalysisFlags f))
            {
                flags |= f;
            }
        }
        return new ReferenceFrame
        {
            Frame = Number(Cell("frame.number")),
            Stream = Number(Cell("tcp.stream")),
            Seq = Number(Cell("tcp.seq")),
            Ack = Number(Cell("tcp.ack")),
            Len = Number(Cell("tcp.len")),
            Window = Number(Cell("tcp.window_size")),
            Flags = flags,
            DupAckNum = Number(Cell("tcp.analysis.duplicate_ack_num")),
            AckRttNs = Seconds(Cell("tcp.analysis.ack_rtt")),
            InitialRttNs = Seconds(Cell("tcp.analysis.initial_rtt")),
            TimesUnreadable = Unreadable(Cell("tcp.analysis.ack_rtt")) || Unreadable(Cell("tcp.analysis.initial_rtt")),
            BytesInFlight = Number(Cell("tcp.analysis.bytes_in_flight")),
        };
    }

    // Repeated fields (several headers) hold the last value after occurrence=l; a comma list
    // can still appear for fields tshark adds twice to one tree, so take the last element.
    private static string Last(string cell)
    {
        int comma = cell.LastIndexOf(',');
        return comma >= 0 ? cell[(comma + 1)..] : cell;
    }

    private static long Number(string cell) =>
        long.TryParse(Last(cell), NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) ? v : -1;

    private static long? Seconds(string cell) =>
        decimal.TryParse(Last(cell), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal v)
            ? (long)decimal.Round(v * 1_000_000_000m)
            : null;

    private static bool Unreadable(string cell) => cell.Length > 0 && Seconds(cell) is null;
}
