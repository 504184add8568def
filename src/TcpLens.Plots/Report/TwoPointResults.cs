using TcpLens.Analysis;
using TcpLens.Correlation.Comparison;
using TcpLens.Correlation.Facts;
using TcpLens.Correlation.Matching;

namespace TcpLens.Plots.Report;

/// <summary>The results of <c>tcplens compare</c> for the report: the stream matching and the frame-by-frame comparison.</summary>
/// <param name="ServerCapture">The server-side capture file.</param>
/// <param name="Match">Which client streams are which server streams, and the clock offset.</param>
/// <param name="Comparison">Loss, duplication, reordering and delay between the points.</param>
public sealed record TwoPointResults(string ServerCapture, MatchResult Match, ComparisonResult Comparison)
{
    /// <summary>
    /// Matches and compares the client-side capture (<paramref name="clientFiles"/>, one
    /// timeline) with <paramref name="serverFile"/>: two passes over each, the first on one
    /// thread per side. Read damage lands in <paramref name="warnings"/>; throws
    /// <see cref="TcpLens.Capture.CaptureFormatException"/> when a side is not a capture.
    /// </summary>
    internal static TwoPointResults Run(IReadOnlyList<string> clientFiles, string serverFile, ReportOptions options, List<string> warnings)
    {
        CaptureFacts client, server;
        using (TcpCapture c = TcpCapture.Open(clientFiles, options.Analysis))
        using (TcpCapture s = TcpCapture.Open(serverFile, options.Analysis))
        {
            (client, server) = FactsCollector.CollectBoth(c, s);
            if (server.Error is { } error)
            {
                warnings.Add(error.ToString());
            }
        }
        MatchResult match = StreamMatcher.Match(client, server);
        ComparisonResult comparison;
        using (TcpCapture c = TcpCapture.Open(clientFiles, options.Analysis, readAhead: true))
        using (TcpCapture s = TcpCapture.OpenReadAhead(serverFile, options.Analysis))
        {
            comparison = PacketComparer.Compare(c, s, match, new CompareOptions { MatchWindowNs = options.MatchWindowNs });
        }
        return new TwoPointResults(serverFile, match, comparison);
    }
}
