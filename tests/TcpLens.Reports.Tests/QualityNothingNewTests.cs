using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;
using TcpLens.Capture;
using TcpLens.Capture.Decoding;
using TcpLens.Capture.Tests.Support;
using TcpLens.Reports.Quality;

namespace TcpLens.Reports.Tests;

/// <summary>
/// Quality counts new sessions only (first SYN inside the window): when none qualifies, every
/// figure is zero, and the report says why instead of leaving the user with a row of zeros.
/// </summary>
public sealed class QualityNothingNewTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tcplens-quality-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static List<Session> Sessions(string file)
    {
        using TcpCapture c = TcpCapture.Open(file);
        return [.. c.Sessions()];
    }

    private static QualityReport Report(IEnumerable<Session> sessions, QualityOptions options)
    {
        var report = new QualityReport(options, _ => "");
        foreach (Session s in sessions)
        {
            report.Add(s);
        }
        return report;
    }

    [Fact]
    public void A_capture_that_starts_mid_connection_counts_nothing_and_says_why()
    {
        // the second half of lossy.pcap: its one transfer without the handshake
        string first = Path.Combine(_dir, "a.pcap"), second = Path.Combine(_dir, "b.pcap");
        PcapSplit.Split(Path.Combine(TestPaths.TestData, "lossy.pcap"), first, second);
        List<Session> sessions = Sessions(second);
        QualityReport report = Report(sessions, new QualityOptions());

        Assert.All(sessions, s => Assert.Null(s.FirstSynAt));
        Assert.True(sessions.Any(s => s.Count(AnalysisFlags.LostSegment) > 0), "the piece still has lost segments quality does not count");
        QualityRow all = Assert.Single(report.Rows());
        Assert.Equal(0, all.NewSessions);
        Assert.Equal(sessions.Count, report.WithoutSyn);
        Assert.Equal("no connection in this capture starts with a SYN inside the window: quality counts new sessions only "
            + $"(1 session seen; 1 without a SYN in the capture: already open when it began)", report.WhyNothingCounted());
    }

    [Fact]
    public void Sessions_outside_the_window_or_to_other_servers_are_named_as_such()
    {
        List<Session> sessions = Sessions(Path.Combine(TestPaths.TestData, "concurrent-resets.pcap"));
        Timestamp late = new(sessions.Max(s => s.End.Seconds) + 1, 0);
        QualityReport outside = Report(sessions, new QualityOptions { From = late });
        QualityReport other = Report(sessions, new QualityOptions { Servers = [EndpointPattern.Of(NetAddress.Parse("192.0.2.1"), null)] });

        Assert.Equal(sessions.Count, outside.SynOutsideWindow);
        Assert.EndsWith($"({sessions.Count} sessions seen; {sessions.Count} with the first SYN outside the window)", outside.WhyNothingCounted(), StringComparison.Ordinal);
        Assert.StartsWith("no connection to the servers asked for starts with a SYN inside the window", other.WhyNothingCounted(), StringComparison.Ordinal);
        Assert.EndsWith($"{sessions.Count} to other servers)", other.WhyNothingCounted(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_capture_with_new_sessions_needs_no_explanation()
    {
        QualityReport report = Report(Sessions(Path.Combine(TestPaths.TestData, "lossy.pcap")), new QualityOptions());
        Assert.Equal(1, report.Counted);
        Assert.Null(report.WhyNothingCounted());
        Assert.Null(new QualityReport(new QualityOptions(), _ => "").WhyNothingCounted()); // nothing seen: nothing to explain
    }
}
