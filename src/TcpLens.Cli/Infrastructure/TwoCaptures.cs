using TcpLens.Analysis;
using TcpLens.Correlation.Facts;

namespace TcpLens.Cli.Infrastructure;

/// <summary>Reads a client-side and a server-side capture at the same time, one core each.</summary>
internal static class TwoCaptures
{
    /// <summary>False (after printing why) when either file cannot be used at all.</summary>
    public static bool TryCollect(string clientFile, string serverFile, ProgressReporter progress, out CaptureFacts client, out CaptureFacts server)
    {
        ArgumentNullException.ThrowIfNull(progress);
        client = server = null!;
        progress.Reading("analyse", [clientFile, serverFile]);
        if (!CaptureInput.TryOpen(clientFile, readAhead: false, out TcpCapture clientCapture))
        {
            return false;
        }
        using (clientCapture)
        {
            if (!CaptureInput.TryOpen(serverFile, readAhead: false, out TcpCapture serverCapture))
            {
                return false;
            }
            using (serverCapture)
            {
                (client, server) = FactsCollector.CollectBoth(clientCapture, serverCapture);
                bool usable = true;
                foreach ((CaptureFacts facts, TcpCapture capture) in new[] { (client, clientCapture), (server, serverCapture) })
                {
                    if (facts.Error is { } error)
                    {
                        Diagnostics.ReadStopped(error, capture.Reader.FramesRead);
                        usable &= capture.Reader.FramesRead > 0;
                    }
                }
                return usable;
            }
        }
    }
}
