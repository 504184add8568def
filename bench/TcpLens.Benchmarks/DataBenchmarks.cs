using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using TcpLens.Analysis;
using TcpLens.Data;

namespace TcpLens.Benchmarks;

/// <summary>
/// The SQL tables of the benchmark capture: analysing it into DuckDB (packets and sessions
/// with the Appender API; sessions alone), and writing the packets table as Parquet. Compare
/// with "sessions (all cores)" in ReadDecodeBenchmarks; rows/s = frames / time.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 3)]
public class DataBenchmarks
{
    private string _parquet = "";

    [GlobalSetup]
    public void Setup() => _parquet = Path.Combine(Path.GetTempPath(), "tcplens-bench-parquet");

    [Benchmark(Description = "DuckDB load: packets + sessions")]
    public void LoadAll()
    {
        using CaptureDatabase db = CaptureDatabase.Open();
        db.Load([BenchCapture.Path]);
    }

    [Benchmark(Description = "DuckDB load: sessions only")]
    public void LoadSessions()
    {
        using CaptureDatabase db = CaptureDatabase.Open();
        db.Load([BenchCapture.Path], packets: false);
    }

    [Benchmark(Description = "DuckDB load + Parquet export of packets")]
    public void LoadAndExport()
    {
        using CaptureDatabase db = CaptureDatabase.Open();
        db.Load([BenchCapture.Path]);
        if (Directory.Exists(_parquet))
        {
            Directory.Delete(_parquet, recursive: true);
        }
        db.ExportParquet(_parquet, ["packets"]);
    }

    [Benchmark(Description = "sessions (all cores), for the ratio")]
    public int Sessions()
    {
        using TcpCapture capture = TcpCapture.Open(BenchCapture.Path);
        return capture.Sessions(Environment.ProcessorCount).Count();
    }
}
