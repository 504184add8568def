using BenchmarkDotNet.Attributes;
using TcpLens.Analysis;
using TcpLens.Capture;
using TcpLens.Capture.Decoding;

namespace TcpLens.Benchmarks;

/// <summary>
/// Whole-file passes over the benchmark capture. One operation = the whole file, so "Allocated"
/// divided by the frame count is the allocation per packet (it must round to zero).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PerPacketConfig))]
public class ReadDecodeBenchmarks
{
    [GlobalSetup]
    public void Setup() => _ = BenchCapture.Frames;

    [Benchmark(Description = "read")]
    public long ReadOnly()
    {
        long bytes = 0;
        using var reader = CaptureReader.Open(BenchCapture.Path);
        while (reader.TryRead(out CaptureFrame frame))
        {
            bytes += frame.Data.Length;
        }
        return bytes;
    }

    [Benchmark(Description = "read+decode")]
    public long ReadAndDecode()
    {
        long tcp = 0;
        using var reader = CaptureReader.Open(BenchCapture.Path);
        while (reader.TryRead(out CaptureFrame frame))
        {
            if (PacketDecoder.Decode(frame, out TcpSegment segment) == DecodeOutcome.Tcp)
            {
                tcp += segment.PayloadLength;
            }
        }
        return tcp;
    }

    [Benchmark(Description = "read+decode+analyse")]
    public long ReadDecodeAndAnalyse()
    {
        long flagged = 0;
        using TcpCapture capture = TcpCapture.Open(BenchCapture.Path);
        while (capture.TryReadPacket(out AnalyzedPacket packet))
        {
            if (packet.Analysis.Flags != AnalysisFlags.None)
            {
                flagged++;
            }
        }
        return flagged;
    }

    [Benchmark(Description = "sessions (1 analysis thread)")]
    public int Sessions()
    {
        using TcpCapture capture = TcpCapture.Open(BenchCapture.Path);
        return capture.Sessions().Count();
    }

    [Benchmark(Description = "sessions (all cores)")]
    public int SessionsParallel()
    {
        using TcpCapture capture = TcpCapture.Open(BenchCapture.Path);
        return capture.Sessions(Environment.ProcessorCount).Count();
    }
}
