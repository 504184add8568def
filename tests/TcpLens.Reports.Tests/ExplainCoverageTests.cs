using System.Text.RegularExpressions;
using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;
using TcpLens.Capture.Tests.Support;
using TcpLens.Reports.Explain;

namespace TcpLens.Reports.Tests;

/// <summary>
/// What holds for every explanation: every frame Wireshark flags is named in the anomalies part
/// (inside one line's frame range), nothing is cut off however busy the stream, and the verdict
/// quotes no figure that the lines above it do not show.
/// </summary>
public partial class ExplainCoverageTests
{
    public static TheoryData<string> ProjectCaptures() =>
    [
        .. Directory.GetFiles(TestPaths.TestData, "*.pcap*").Select(f => Path.GetFileName(f)).Where(n => !n.EndsWith(".jsonl", StringComparison.Ordinal)).Order(StringComparer.Ordinal),
    ];

    public static TheoryData<string> SharedCaptures() =>
        [.. TestPaths.SharedCaptureFiles().Select(f => Path.GetFileName(f)).DefaultIfEmpty("(none)")];

    // the flagged frames of each stream, read apart from the explainer
    private static Dictionary<int, List<long>> FlaggedFrames(string path)
    {
        var flagged = new Dictionary<int, List<long>>();
        using TcpCapture c = TcpCapture.Open(path);
        while (c.TryReadPacket(out AnalyzedPacket p))
        {
            if (p.Analysis.HasStream && p.Analysis.Flags != AnalysisFlags.None && p.Segment.Outcome != Capture.Decoding.DecodeOutcome.IcmpQuotedTcp)
            {
                if (!flagged.TryGetValue(p.Analysis.Stream, out List<long>? list))
                {
                    flagged[p.Analysis.Stream] = list = [];
                }
                list.Add(p.Frame);
            }
        }
        return flagged;
    }

    private static void AssertCovers(string path, int maxLines, int streamsAtMost)
    {
        List<Session> sessions;
        using (TcpCapture c = TcpCapture.Open(path))
        {
            sessions = [.. c.Sessions()];
        }
        Dictionary<int, List<long>> flagged = FlaggedFrames(path);
        // the busiest streams, and the first ones
        IEnumerable<Session> chosen = sessions.OrderByDescending(s => flagged.GetValueOrDefault(s.Stream)?.Count ?? 0).Take(streamsAtMost)
            .Concat(sessions.Take(2)).Distinct();
        var options = new ExplainOptions { MaxAnomalyLines = maxLines };
        foreach (Session s in chosen)
        {
            using TcpCapture again = TcpCapture.Open(path);
            Explanation e = StreamExplainer.Explain(again, s, ExplainContext.Of(s, sessions), options)!;
            List<long> frames = flagged.GetValueOrDefault(s.Stream) ?? [];
            Assert.Equal(frames.Count, e.AnomalousFrames);
            foreach (long f in frames)
            {
                Assert.True(e.AnomalyFrameRanges.Any(r => r.First <= f && f <= r.Last), $"{Path.GetFileName(path)} stream {s.Stream}: frame {f} is in no anomaly line");
            }
            Assert.True(e.Anomalies.Count <= maxLines, $"{e.Anomalies.Count} anomaly lines");
            Assert.DoesNotContain(e.Anomalies, l => l.Contains("more anomaly line", StringComparison.Ordinal));
            AssertVerdictQuotesOnlyWhatIsAbove(e, $"{Path.GetFileName(path)} stream {s.Stream}");
        }
    }

    // Every number in the verdict appears, as written there, in the summary, handshake, data,
    // anomalies or close part.
    internal static void AssertVerdictQuotesOnlyWhatIsAbove(Explanation e, string what)
    {
        string above = string.Join("\n", new[] { e.Summary }.Concat(e.Handshake).Concat(e.Data).Concat(e.Anomalies).Concat(e.Close));
        foreach (Match m in Figure().Matches(e.Verdict))
        {
            Assert.True(Regex.IsMatch(above, $@"(?<![\d.]|\d,){Regex.Escape(m.Value)}(?!\d|,\d{{3}}|\.\d)"), $"{what}: the verdict's '{m.Value}' is not above it: {e.Verdict}");
        }
    }

    [GeneratedRegex(@"\d+(?:,\d{3})*(?:\.\d+)?(?: ms| s| bytes)?")]
    private static partial Regex Figure();

    [Theory]
    [MemberData(nameof(ProjectCaptures))]
    public void Every_flagged_frame_of_a_project_capture_is_named(string name) =>
        AssertCovers(Path.Combine(TestPaths.TestData, name), new ExplainOptions().MaxAnomalyLines, streamsAtMost: 6);

    [Theory]
    [InlineData("https-download.pcap")]
    [InlineData("midstream.pcap")]
    [InlineData("slow-reader.pcap")]
    [InlineData("zero-window-probe.pcap")]
    public void A_busy_stream_merged_into_a_few_lines_still_names_every_flagged_frame(string name) =>
        AssertCovers(Path.Combine(TestPaths.TestData, name), maxLines: 4, streamsAtMost: 1);

    [SkippableTheory]
    [MemberData(nameof(SharedCaptures))]
    public void Every_flagged_frame_of_a_public_capture_is_named(string name)
    {
        Skip.If(TestPaths.SharedCaptures is null, TestPaths.NoSharedCaptures);
        string path = Path.Combine(TestPaths.SharedCaptures!, name);
        try
        {
            using TcpCapture probe = TcpCapture.Open(path);
        }
        catch (Capture.CaptureFormatException)
        {
            return; // not a capture tcplens reads (the reader tests cover these)
        }
        AssertCovers(path, new ExplainOptions().MaxAnomalyLines, streamsAtMost: 3);
    }
}
