using System.Globalization;
using DuckDB.NET.Data;
using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;
using TcpLens.Capture.Tests.Support;

namespace TcpLens.Data.Tests;

/// <summary>docs/scale-out.md: per-file Parquet made separately, stitched in SQL, equals the whole capture analysed at once.</summary>
public class ScaleOutTests
{
    [Fact]
    public void Sessions_stitched_from_per_file_parquet_match_the_whole_capture()
    {
        string lossy = Path.Combine(TestPaths.TestData, "lossy.pcap");
        string dir = Path.Combine(Path.GetTempPath(), "tcplens-data-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        (string a, string b) = Split(lossy, dir);
        string export = Path.Combine(dir, "export");
        foreach (string part in new[] { a, b })
        {
            // one machine per file: its own database, its own analysis, its own export
            using CaptureDatabase machine = CaptureDatabase.Open();
            machine.Load([part], packets: false);
            machine.ExportParquet(export, ["sessions"]);
        }
        Session whole;
        using (TcpCapture c = TcpCapture.Open(lossy))
        {
            whole = c.Sessions().Single();
        }

        string stitch = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "scale-out", "stitch-sessions.sql"));
        using var db = new DuckDBConnection("DataSource=:memory:");
        db.Open();
        using (DuckDBCommand view = db.CreateCommand())
        {
            view.CommandText = $"CREATE VIEW sessions AS SELECT * FROM read_parquet('{Path.Combine(export, "sessions", "**", "*.parquet")}', hive_partitioning = true)";
            view.ExecuteNonQuery();
        }
        using DuckDBCommand cmd = db.CreateCommand();
        cmd.CommandText = stitch;
        using var reader = cmd.ExecuteReader();
        Assert.True(reader.Read());
        var inv = CultureInfo.InvariantCulture;
        Assert.Equal(2L, Convert.ToInt64(reader["fragments"], inv));
        Assert.Equal(whole.Client.Port, Convert.ToInt32(reader["client_port"], inv));
        Assert.Equal(whole.ClientToServer.Packets, Convert.ToInt64(reader["packets_c2s"], inv));
        Assert.Equal(whole.ServerToClient.Packets, Convert.ToInt64(reader["packets_s2c"], inv));
        Assert.Equal(whole.ClientToServer.PayloadBytes, Convert.ToInt64(reader["bytes_c2s"], inv));
        Assert.Equal(whole.ServerToClient.PayloadBytes, Convert.ToInt64(reader["bytes_s2c"], inv));
        Assert.Equal(Decimal(whole.Start.TotalNanoseconds), Convert.ToDecimal(reader["start"], inv));
        Assert.Equal(Decimal(whole.End.TotalNanoseconds), Convert.ToDecimal(reader["end"], inv));
        Assert.Equal(Decimal(whole.SynAckDelayNs!.Value), Convert.ToDecimal(reader["syn_ack_delay"], inv));
        Assert.Equal("server_fin", reader["closed_by"]);
        Assert.False(reader.Read());
    }

    private static decimal Decimal(long ns) => ns / 1_000_000_000m;

    private static (string, string) Split(string pcap, string dir)
    {
        string a = Path.Combine(dir, "part-1.pcap"), b = Path.Combine(dir, "part-2.pcap");
        PcapSplit.Split(pcap, a, b);
        return (a, b);
    }
}
