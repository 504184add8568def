using DuckDB.NET.Data;
using TcpLens.Analysis;
using TcpLens.Capture;
using TcpLens.Capture.Decoding;

namespace TcpLens.Data;

/// <summary>
/// Appends analysed frames to the packets table with typed values, the same values the
/// <c>packets</c> command prints (<see cref="Tables.PacketRow"/>), without formatting them as
/// text first: the load of millions of rows is bound by this loop. Addresses and the analysis
/// text repeat, so they are cached.
/// </summary>
internal sealed class PacketAppender(DuckDBConnection connection, string table, string timeline) : IDisposable
{
    private readonly DuckDBAppender _appender = connection.CreateAppender(table);
    private readonly Dictionary<NetAddress, string> _addresses = [];
    private readonly Dictionary<AnalysisFlags, string> _analysis = [];

    public void Append(in AnalyzedPacket p, string file)
    {
        TcpSegment s = p.Segment;
        PacketAnalysis a = p.Analysis;
        IDuckDBAppenderRow row = _appender.CreateRow();
        row.AppendValue(p.Frame);
        row.AppendValue(Seconds(p.Time));
        if (a.HasStream) { row.AppendValue((long)a.Stream); } else { row.AppendNullValue(); }
        row.AppendValue(Address(s.Source));
        row.AppendValue((long)s.SourcePort);
        row.AppendValue(Address(s.Destination));
        row.AppendValue((long)s.DestinationPort);
        if (s.TcpHeaderBytesRead >= 14) { row.AppendValue(TcpFlagsText.ToLetters(s.Flags)); } else { row.AppendNullValue(); }
        if (s.TcpHeaderBytesRead >= 8) { row.AppendValue((long)s.Sequence); } else { row.AppendNullValue(); }
        if (s.TcpHeaderBytesRead >= 12) { row.AppendValue((long)s.Acknowledgement); } else { row.AppendNullValue(); }
        if (s.TcpHeaderBytesRead >= 8) { row.AppendValue((long)a.RelativeSeq); } else { row.AppendNullValue(); }
        if (s.TcpHeaderBytesRead >= 12) { row.AppendValue((long)a.RelativeAck); } else { row.AppendNullValue(); }
        if (a.SegmentLength >= 0) { row.AppendValue((long)a.SegmentLength); } else { row.AppendNullValue(); }
        if (a.WindowSize >= 0) { row.AppendValue(a.WindowSize); } else { row.AppendNullValue(); }
        if (s.IpId >= 0) { row.AppendValue((long)s.IpId); } else { row.AppendNullValue(); }
        row.AppendValue(Analysis(a.Flags));
        if (a.DupAckNumber > 0) { row.AppendValue((long)a.DupAckNumber); } else { row.AppendNullValue(); }
        if (a.AckRttNs is { } rtt) { row.AppendValue(Seconds(rtt)); } else { row.AppendNullValue(); }
        if (a.InitialRttNs is { } irtt) { row.AppendValue(Seconds(irtt)); } else { row.AppendNullValue(); }
        if (a.BytesInFlight > 0) { row.AppendValue(a.BytesInFlight); } else { row.AppendNullValue(); }
        row.AppendValue(file);
        row.AppendValue(timeline);
        row.EndRow();
    }

    // exact: nanoseconds as a decimal with scale 9
    private static decimal Seconds(Timestamp t) => Seconds(t.Seconds * 1_000_000_000L + t.Nanoseconds);

    private static decimal Seconds(long ns)
    {
        ulong magnitude = ns < 0 ? (ulong)-ns : (ulong)ns;
        return new decimal((int)(magnitude & 0xFFFF_FFFF), (int)(magnitude >> 32), 0, ns < 0, 9);
    }

    private string? Analysis(AnalysisFlags flags)
    {
        if (flags == AnalysisFlags.None)
        {
            return null;
        }
        if (!_analysis.TryGetValue(flags, out string? text))
        {
            _analysis[flags] = text = AnalysisFlagNames.Join(flags);
        }
        return text;
    }

    private string Address(NetAddress a)
    {
        if (!_addresses.TryGetValue(a, out string? text))
        {
            if (_addresses.Count > 100_000)
            {
                _addresses.Clear(); // a scan with many addresses: keep the cache bounded
            }
            _addresses[a] = text = a.ToString();
        }
        return text;
    }

    public void Dispose() => _appender.Dispose();
}
