using TcpLens.Analysis.Sessions;
using TcpLens.Capture;
using TcpLens.Capture.Tests.Support;

namespace TcpLens.Analysis.Tests.Robustness;

/// <summary>Damaged captures (random bytes overwritten, seeded) never make the analysis or the session summaries throw.</summary>
public sealed class MutatedCaptureTests
{
    [Theory]
    [InlineData("lossy.pcap", 1)]
    [InlineData("concurrent-resets.pcap", 2)]
    [InlineData("reorder.pcapng", 3)]
    [InlineData("ipv6-sll2.pcap", 4)]
    public void AnalysisAndSessionsSurviveRandomDamage(string capture, int seed)
    {
        byte[] original = File.ReadAllBytes(Path.Combine(TestPaths.TestData, capture));
        var random = new Random(seed);
        int analysed = 0;
        for (int run = 0; run < 150; run++)
        {
            byte[] bytes = (byte[])original.Clone();
            for (int k = random.Next(1, 20); k > 0; k--)
            {
                bytes[random.Next(24, bytes.Length)] = (byte)random.Next(256);
            }
            TcpCapture tcp;
            try
            {
                tcp = TcpCapture.Open(new MemoryStream(bytes), "mutated");
            }
            catch (CaptureFormatException)
            {
                continue;   // the header itself was damaged: a clear error, fine
            }
            using (tcp)
            {
                List<Session> sessions = tcp.Sessions().ToList();
                ResetReport.Build(sessions, ResetSide.Client);
                Assert.All(sessions, s => Assert.True(Enum.IsDefined(s.State)));
                analysed++;
            }
        }
        Assert.True(analysed > 100, $"only {analysed} of 150 mutated files could be opened");
    }
}
