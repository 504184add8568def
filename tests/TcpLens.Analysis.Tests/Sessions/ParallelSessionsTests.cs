using TcpLens.Analysis.Sessions;
using TcpLens.Capture.Tests.Support;

namespace TcpLens.Analysis.Tests.Sessions;

/// <summary>Sessions computed on several threads are exactly those of one thread, in the same order.</summary>
public sealed class ParallelSessionsTests
{
    public static TheoryData<string> ProjectCaptures() => CaptureCases.Project();

    public static TheoryData<string> SharedCaptures() => CaptureCases.Shared();

    [SkippableTheory]
    [MemberData(nameof(ProjectCaptures))]
    public void ProjectCapture(string name) => Check(CaptureCases.ProjectPath(name));

    [SkippableTheory]
    [MemberData(nameof(SharedCaptures))]
    public void PublicCapture(string name) => Check(CaptureCases.SharedPath(name));

    [Fact]
    public void StoppingEarlyEndsTheThreads()
    {
        for (int i = 0; i < 10; i++)
        {
            using TcpCapture capture = TcpCapture.Open(Path.Combine(TestPaths.TestData, "pair-client.pcap"));
            Assert.NotNull(capture.Sessions(2).First());
        }
    }

    private static void Check(string path)
    {
        List<string> one, two, three;
        try
        {
            using (TcpCapture c = TcpCapture.Open(path))
            {
                one = c.Sessions().Select(Describe).ToList();
            }
        }
        catch (Capture.CaptureFormatException)
        {
            return;
        }
        using (TcpCapture c = TcpCapture.Open(path))
        {
            two = c.Sessions(2).Select(Describe).ToList();
        }
        using (TcpCapture c = TcpCapture.Open(path))
        {
            three = c.Sessions(3).Select(Describe).ToList();
        }
        Assert.Equal(one, two);
        Assert.Equal(one, three);
    }

    private static string Describe(Session s) =>
        $"{s.Stream} {s.Client}>{s.Server} {s.Start} {s.End} {s.State} {s.History} {s.ClosedBy} " +
        $"{s.ClientToServer.Packets}/{s.ServerToClient.Packets} {s.ClientToServer.WireBytes}/{s.ServerToClient.WireBytes} " +
        $"{s.SynAckDelayNs} {s.InitialRttNs} {s.RttSamples} {s.RttMinNs} {s.Count(AnalysisFlags.Retransmission)} {s.Count(AnalysisFlags.DuplicateAck)} {s.FirstFrame} {s.LastFrame}";
}
