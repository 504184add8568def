using TcpLens.Capture;

namespace TcpLens.Benchmarks;

/// <summary>
/// The capture the benchmarks read: TCPLENS_BENCH_CAPTURE, else /work/bigcap/big.pcap (made by
/// scripts/make-big-capture.sh). Its frame count and size are measured once for the per-packet figures.
/// </summary>
internal static class BenchCapture
{
    public static string Path { get; } = Environment.GetEnvironmentVariable("TCPLENS_BENCH_CAPTURE") ?? "/work/bigcap/big.pcap";

    private static readonly Lazy<(long Frames, long Bytes)> Counts = new(() =>
    {
        if (!File.Exists(Path))
        {
            throw new FileNotFoundException($"benchmark capture {Path} not found: run scripts/make-big-capture.sh or set TCPLENS_BENCH_CAPTURE");
        }
        using var reader = CaptureReader.Open(Path);
        long frames = 0;
        while (reader.TryRead(out _))
        {
            frames++;
        }
        return (frames, new FileInfo(Path).Length);
    });

    public static long Frames => Counts.Value.Frames;

    public static long Bytes => Counts.Value.Bytes;
}
