using DuckDB.NET.Data;
using TcpLens.Analysis;
using TcpLens.Capture.Tests.Support;
using TcpLens.Data;

namespace TcpLens.Data.Tests;

public class CaptureDatabaseTests
{
    private static readonly System.Globalization.CultureInfo Inv = System.Globalization.CultureInfo.InvariantCulture;
    private static readonly string Lossy = Path.Combine(TestPaths.TestData, "lossy.pcap");

    private static string Copy(string capture)
    {
        string dir = Path.Combine(Path.GetTempPath(), "tcplens-data-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, Path.GetFileName(capture));
        File.Copy(capture, path);
        return path;
    }

    private static object? Scalar(CaptureDatabase db, string sql)
    {
        using DuckDBCommand cmd = db.Connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    [Fact]
    public void Tables_hold_what_the_analysis_gives()
    {
        using CaptureDatabase db = CaptureDatabase.Open();
        db.Load([Lossy]);
        long tcpFrames;
        int sessions;
        using (TcpCapture c = TcpCapture.Open(Lossy))
        {
            tcpFrames = c.Packets().LongCount();
        }
        using (TcpCapture c = TcpCapture.Open(Lossy))
        {
            sessions = c.Sessions().Count();
        }

        Assert.Equal(tcpFrames, Convert.ToInt64(Scalar(db, "SELECT count(*) FROM packets"), Inv));
        Assert.Equal(sessions, Convert.ToInt32(Scalar(db, "SELECT count(*) FROM sessions"), Inv));
        Assert.Equal(12L, Convert.ToInt64(Scalar(db, "SELECT count(*) FROM packets WHERE analysis LIKE '%lost_segment%'"), Inv));
        Assert.Equal(12L, Convert.ToInt64(Scalar(db, "SELECT lost_segments FROM sessions WHERE stream = 0"), Inv));
        // times are exact decimals: frame 8's epoch time to the nanosecond
        Assert.Equal(1795486294.665806000m, Convert.ToDecimal(Scalar(db, "SELECT time FROM packets WHERE frame = 8"), Inv));
        Assert.Equal(0.010557000m, Convert.ToDecimal(Scalar(db, "SELECT syn_ack_delay FROM sessions WHERE stream = 0"), Inv));
        Assert.Equal(416L, Convert.ToInt64(Scalar(db, "SELECT frames FROM captures"), Inv));
    }

    [Fact]
    public void A_database_file_is_reused_until_a_capture_changes()
    {
        string capture = Copy(Lossy);
        string dbPath = Path.Combine(Path.GetDirectoryName(capture)!, "cache.duckdb");
        using (CaptureDatabase db = CaptureDatabase.Open(dbPath))
        {
            Assert.False(db.Load([capture]));
        }
        using (CaptureDatabase db = CaptureDatabase.Open(dbPath))
        {
            Assert.True(db.Load([capture]));
            Assert.Equal(409L, Convert.ToInt64(Scalar(db, "SELECT count(*) FROM packets"), Inv));
        }
        File.SetLastWriteTimeUtc(capture, File.GetLastWriteTimeUtc(capture).AddMinutes(1));
        using (CaptureDatabase db = CaptureDatabase.Open(dbPath))
        {
            Assert.False(db.Load([capture]));
            Assert.Equal(409L, Convert.ToInt64(Scalar(db, "SELECT count(*) FROM packets"), Inv));
        }
    }

    [Fact]
    public void Parquet_export_is_partitioned_per_capture_and_reads_back()
    {
        string a = Copy(Lossy), b = Copy(Path.Combine(TestPaths.TestData, "rst-client.pcap"));
        string dir = Path.Combine(Path.GetDirectoryName(a)!, "export");
        using CaptureDatabase db = CaptureDatabase.Open();
        db.Load([a, b]);
        db.ExportParquet(dir, ["packets", "sessions"]);

        Assert.True(Directory.Exists(Path.Combine(dir, "packets", "capture=lossy.pcap")));
        Assert.True(Directory.Exists(Path.Combine(dir, "sessions", "capture=rst-client.pcap")));
        string glob = Path.Combine(dir, "packets", "**", "*.parquet");
        Assert.Equal(Convert.ToInt64(Scalar(db, "SELECT count(*) FROM packets"), Inv),
            Convert.ToInt64(Scalar(db, $"SELECT count(*) FROM read_parquet('{glob}', hive_partitioning = true)"), Inv));
        Assert.Equal(2L, Convert.ToInt64(Scalar(db, $"SELECT count(DISTINCT capture) FROM read_parquet('{Path.Combine(dir, "sessions", "**", "*.parquet")}', hive_partitioning = true)"), Inv));
        // file and timeline are an ENUM in DuckDB (a small number per row) but plain strings in Parquet
        Assert.StartsWith("ENUM(", Convert.ToString(Scalar(db, "SELECT typeof(file) FROM packets LIMIT 1"), Inv), StringComparison.Ordinal);
        Assert.Equal("VARCHAR", Scalar(db, $"SELECT typeof(file) || ' ' || typeof(timeline) FROM read_parquet('{glob}', hive_partitioning = true) LIMIT 1")?.ToString()?.Split(' ').Distinct().Single());
        Assert.True(Convert.ToInt64(Scalar(db, $"SELECT count(*) FROM packets WHERE file = '{a}'"), Inv) > 0, "an ENUM compares with text");
    }
}
