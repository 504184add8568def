using BenchmarkDotNet.Running;

namespace TcpLens.Benchmarks;

/// <summary>
/// dotnet run -c Release --project bench/TcpLens.Benchmarks -- --filter '*'
/// (add --job short for a quick run; TCPLENS_BENCH_CAPTURE picks the capture).
/// </summary>
internal static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
