using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace TcpLens.Benchmarks;

/// <summary>Adds packets/s, MB/s and bytes allocated per packet to the summary table.</summary>
internal sealed class PerPacketConfig : ManualConfig
{
    public PerPacketConfig()
    {
        AddColumn(new RateColumn("Mpackets/s", s => BenchCapture.Frames / s / 1e6));
        AddColumn(new RateColumn("MB/s", s => BenchCapture.Bytes / s / 1e6));
        AddColumn(new AllocPerPacketColumn());
    }

    private sealed class RateColumn(string name, Func<double, double> rate) : IColumn
    {
        public string Id => name;
        public string ColumnName => name;
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => $"{name} over the whole capture";
        public bool IsAvailable(Summary summary) => true;
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var report = summary[benchmarkCase];
            if (report?.ResultStatistics is not { } stats)
            {
                return "-";
            }
            return rate(stats.Mean / 1e9).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private sealed class AllocPerPacketColumn : IColumn
    {
        public string Id => "B/packet";
        public string ColumnName => "B/packet";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 1;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "managed bytes allocated per packet";
        public bool IsAvailable(Summary summary) => true;
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            long? bytes = summary[benchmarkCase]?.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
            return bytes is { } b ? (b / (double)BenchCapture.Frames).ToString("F4", System.Globalization.CultureInfo.InvariantCulture) : "-";
        }
    }
}
