using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;
using TcpLens.Capture;
using TcpLens.Capture.Tests.Support;
using TcpLens.Reports.Quality;

namespace TcpLens.Reports.Tests;

/// <summary>Rotated captures (tcpdump -C / -G) read as one timeline: a connection spanning two files is one session.</summary>
public class RotatedFilesTests
{
    private static readonly string Lossy = Path.Combine(TestPaths.TestData, "lossy.pcap");

    [Fact]
    public void A_capture_cut_in_two_files_gives_the_same_sessions_as_the_whole()
    {
        (string a, string b) = Split(Lossy);
        List<Session> whole = Sessions([Lossy]);
        List<Session> rotated = Sessions([a, b]);

        Assert.Equal(whole.Count, rotated.Count);
        for (int i = 0; i < whole.Count; i++)
        {
            Assert.Equal(Summary(whole[i]), Summary(rotated[i]));
        }
    }

    [Fact]
    public void Per_file_rows_put_each_session_in_the_file_of_its_first_syn()
    {
        (string a, string b) = Split(Lossy);
        using TcpCapture capture = TcpCapture.Open([a, b]);
        List<QualityRow> rows = QualityReport.Build(capture.Sessions(),
            frame => Path.GetFileName(capture.Reader.Files[capture.Reader.FileIndexOf(frame)]), new QualityOptions { PerFile = true });
        List<QualityRow> whole = QualityReport.Build(Sessions([Lossy]), _ => "", new QualityOptions());

        QualityRow all = Assert.Single(whole, r => r.Server == "all");
        Assert.Equal(all.NewSessions, rows.Where(r => r.Server == "all").Sum(r => r.NewSessions));
        Assert.Equal(all.SessionsWithLoss, rows.Where(r => r.Server == "all").Sum(r => r.SessionsWithLoss));
        Assert.All(rows, r => Assert.Contains(r.File, new[] { "part-1.pcap", "part-2.pcap" }));
        // the frame numbers go on across files; within a file they are that file's own
        Assert.Equal(1, capture.Reader.FrameInFile(capture.Reader.FramesRead - FramesIn(b) + 1));
    }

    [Fact]
    public void A_damaged_file_in_the_middle_is_reported_and_the_next_one_is_still_read()
    {
        (string a, string b) = Split(Lossy);
        string cut = Path.Combine(Path.GetDirectoryName(a)!, "part-1-cut.pcap");
        byte[] bytes = File.ReadAllBytes(a);
        File.WriteAllBytes(cut, bytes[..(bytes.Length - 7)]);
        using TcpCapture capture = TcpCapture.Open([cut, b]);
        int sessions = capture.Sessions().Count();

        CaptureError error = Assert.Single(capture.Reader.Errors);
        Assert.Equal(cut, error.File);
        Assert.Equal(CaptureErrorKind.Truncated, error.Kind);
        Assert.Equal(FramesIn(a), error.FrameNumber); // the last frame of that file, numbered in it
        Assert.Equal(2, capture.Reader.Files.Count);
        Assert.True(sessions > 0);
    }

    private static List<Session> Sessions(IReadOnlyList<string> files)
    {
        using TcpCapture c = TcpCapture.Open(files);
        return [.. c.Sessions()];
    }

    private static string Summary(Session s) =>
        $"{s.Stream} {s.Client} {s.Server} {s.FirstFrame}-{s.LastFrame} {s.State} {s.History} " +
        $"{s.ClientToServer.Packets}/{s.ServerToClient.Packets} {s.ClientToServer.PayloadBytes}/{s.ServerToClient.PayloadBytes} " +
        $"{s.Count(AnalysisFlags.LostSegment)} {s.Count(AnalysisFlags.Retransmission)} {s.FirstSynAt}";

    private static long FramesIn(string pcap)
    {
        using CaptureReader r = CaptureReader.Open(pcap);
        long n = 0;
        while (r.TryRead(out _))
        {
            n++;
        }
        return n;
    }

    private static (string, string) Split(string pcap)
    {
        string dir = Path.Combine(Path.GetTempPath(), "tcplens-reports-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string a = Path.Combine(dir, "part-1.pcap"), b = Path.Combine(dir, "part-2.pcap");
        PcapSplit.Split(pcap, a, b);
        return (a, b);
    }
}
