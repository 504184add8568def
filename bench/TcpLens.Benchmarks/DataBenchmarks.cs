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

    private string[] _twoCaptures = [];

    [GlobalSetup]
    public void Setup()
    {
        _parquet = Path.Combine(Path.GetTempPath(), "tcplens-bench-parquet");
        // the same capture under two unrelated names: two independent timelines, loaded side by side
        string dir = Directory.CreateTempSubdirectory("tcplens-bench-two-").FullName;
        _twoCaptures = [Path.Combine(dir, "alpha.pcap"), Path.Combine(dir, "beta.pcap")];
        foreach (string link in _twoCaptures)
        {
            File.CreateSymbolicLink(link, BenchCapture.Path);
        }
    }

    [Benchmark(Description = "DuckDB load: two independent captures, packets + sessions")]
    public void LoadTwoIndependent()
    {
        using CaptureDatabase db = CaptureDatabase.Open();
        db.Load(_twoCaptures);
    }

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
