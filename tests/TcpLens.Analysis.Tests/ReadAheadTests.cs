using TcpLens.Analysis.Sessions;
using TcpLens.Capture.Tests.Support;

namespace TcpLens.Analysis.Tests;

/// <summary>Reading on a second thread must not change a single result.</summary>
public sealed class ReadAheadTests
{
    public static TheoryData<string> ProjectCaptures() => CaptureCases.Project();

    [SkippableTheory]
    [MemberData(nameof(ProjectCaptures))]
    public void ReadAheadGivesTheSamePacketsAndSessions(string name)
    {
        string path = CaptureCases.ProjectPath(name);
        List<(long, int, uint, uint, AnalysisFlags, long?)> Packets(TcpCapture c) =>
            c.Packets().Select(p => (p.Frame, p.Analysis.Stream, p.Analysis.RelativeSeq, p.Analysis.RelativeAck, p.Analysis.Flags, p.Analysis.AckRttNs)).ToList();

        using TcpCapture plain = TcpCapture.Open(path);
        using TcpCapture ahead = TcpCapture.OpenReadAhead(path);
        Assert.Equal(Packets(plain), Packets(ahead));
        Assert.Equal(plain.FirstFrameTime, ahead.FirstFrameTime);

        using TcpCapture plain2 = TcpCapture.Open(path);
        using TcpCapture ahead2 = TcpCapture.OpenReadAhead(path);
        Assert.Equal(plain2.Sessions().Select(Describe), ahead2.Sessions().Select(Describe));
    }

    [Fact]
    public void DamageIsReportedTheSameWay()
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(TestPaths.TestData, "lossy.pcap"));
        string cut = Path.Combine(Path.GetTempPath(), $"tcplens-readahead-{Guid.NewGuid():N}.pcap");
        File.WriteAllBytes(cut, bytes[..(bytes.Length * 2 / 3)]);
        try
        {
            using TcpCapture plain = TcpCapture.Open(cut);
            using TcpCapture ahead = TcpCapture.OpenReadAhead(cut);
            int a = plain.Packets().Count(), b = ahead.Packets().Count();

            Assert.Equal(a, b);
            Assert.NotNull(ahead.Error);
            Assert.Equal(plain.Error, ahead.Error);
        }
        finally
        {
            File.Delete(cut);
        }
    }

    [Fact]
    public void StoppingEarlyEndsTheReadingThread()
    {
        for (int i = 0; i < 20; i++)
        {
            using TcpCapture ahead = TcpCapture.OpenReadAhead(Path.Combine(TestPaths.TestData, "zero-window-probe.pcap"));
            Assert.True(ahead.TryReadPacket(out _));
        }
    }

    private static string Describe(Session s) =>
        $"{s.Stream} {s.Client} {s.State} {s.History} {s.ClientToServer.Packets} {s.ServerToClient.Packets} {s.SynAckDelayNs} {s.RttSamples}";
}
