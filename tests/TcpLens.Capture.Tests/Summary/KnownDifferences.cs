namespace TcpLens.Capture.Tests.Summary;

/// <summary>Captures where tcplens deliberately differs from capinfos, each explained in docs/wireshark-parity.md.</summary>
internal static class KnownDifferences
{
    /// <summary>
    /// pcapplusplus_pcapng-example.pcapng.zst has timestamps near 2^64 microseconds; capinfos's
    /// nstime_cmp subtracts seconds into an int, so its earliest/latest are wrong there.
    /// </summary>
    public static bool CapinfosTimeCompareOverflow(string capture) =>
        Path.GetFileName(capture) == "pcapplusplus_pcapng-example.pcapng.zst";
}
