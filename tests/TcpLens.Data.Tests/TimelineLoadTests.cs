using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using TcpLens.Analysis.Timelines;
using TcpLens.Capture.Tests.Support;

namespace TcpLens.Data.Tests;

public sealed class TimelineLoadTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tcplens-load-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Data(string name) => Path.Combine(TestPaths.TestData, name);

    // Independent captures plus lossy.pcap rotated into two pieces.
    private string[] MixedFiles()
    {
        string one = Path.Combine(_dir, "lossy1.pcap"), two = Path.Combine(_dir, "lossy2.pcap");
        PcapSplit.Split(Data("lossy.pcap"), one, two);
        return [Data("https-download.pcap"), one, Data("concurrent-resets.pcap"), two, Data("reorder.pcapng")];
    }

    // Every row of a table in the order DuckDB returns it without ORDER BY: insertion order.
    private static string Dump(CaptureDatabase db, string table)
    {
        using DuckDBCommand cmd = db.Connection.CreateCommand();
        cmd.CommandText = $"SELECT * FROM {table}";
        using var reader = cmd.ExecuteReader();
        var text = new StringBuilder();
        while (reader.Read())
        {
            for (int i = 0; i < reader.FieldCount; i++)
            {
                text.Append(reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append('|');
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    private static long Count(CaptureDatabase db, string sql)
    {
        using DuckDBCommand cmd = db.Connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Tables_are_the_same_row_for_row_whatever_the_number_of_threads()
    {
        string[] files = MixedFiles();
        string[] dumps = new string[3];
        int[] threads = [1, 2, 4];
        for (int i = 0; i < threads.Length; i++)
        {
            using CaptureDatabase db = CaptureDatabase.Open();
            Assert.False(db.Load(CaptureSet.Plan(files), threads: threads[i]));
            dumps[i] = Dump(db, "packets") + Dump(db, "sessions") + Dump(db, "captures").Replace("\n", "", StringComparison.Ordinal);
        }
        Assert.True(dumps[0].Length > 10_000);
        Assert.Equal(dumps[0], dumps[1]);
        Assert.Equal(dumps[0], dumps[2]);
    }

    [Fact]
    public void Streams_count_within_a_timeline_and_a_rotation_is_stitched()
    {
        string[] files = MixedFiles();
        using CaptureDatabase db = CaptureDatabase.Open();
        db.Load(files);

        Assert.Equal(4, Count(db, "SELECT count(DISTINCT timeline) FROM captures"));
        Assert.Equal(5, Count(db, "SELECT count(*) FROM captures"));
        // the rotation's two pieces share one timeline, named after its first piece
        Assert.Equal(2, Count(db, "SELECT count(*) FROM captures WHERE timeline LIKE '%lossy1.pcap'"));
        // every packet joins its session on (timeline, stream), across the pieces too
        Assert.Equal(0, Count(db, "SELECT count(*) FROM packets p ANTI JOIN sessions s USING (timeline, stream) WHERE p.stream IS NOT NULL"));
        Assert.True(Count(db, "SELECT count(*) FROM packets WHERE timeline LIKE '%lossy1.pcap' AND file LIKE '%lossy2.pcap'") > 0);
        // lossy.pcap alone and as a rotation give the same sessions
        using CaptureDatabase whole = CaptureDatabase.Open();
        whole.Load([Data("lossy.pcap")]);
        Assert.Equal(Count(whole, "SELECT count(*) FROM sessions"), Count(db, "SELECT count(*) FROM sessions WHERE timeline LIKE '%lossy1.pcap'"));
        Assert.Equal(Count(whole, "SELECT sum(packets_c2s + packets_s2c)::BIGINT FROM sessions"),
            Count(db, "SELECT sum(packets_c2s + packets_s2c)::BIGINT FROM sessions WHERE timeline LIKE '%lossy1.pcap'"));
    }

    [Fact]
    public void A_database_file_loads_in_parallel_too_and_is_reused()
    {
        string[] files = MixedFiles();
        string path = Path.Combine(_dir, "kept.duckdb");
        string first;
        using (CaptureDatabase db = CaptureDatabase.Open(path))
        {
            Assert.False(db.Load(files));
            first = Dump(db, "sessions");
            Assert.Equal(2, Count(db, "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('packets', 'sessions') AND table_type = 'VIEW'"));
        }
        using (CaptureDatabase db = CaptureDatabase.Open(path))
        {
            Assert.True(db.Load(files));
            Assert.Equal(first, Dump(db, "sessions"));
        }
        using (CaptureDatabase db = CaptureDatabase.Open(path))
        {
            // back to one capture: the per-timeline tables of the earlier load are gone, the new load's one pair is left
            Assert.False(db.Load([Data("rst-client.pcap")]));
            Assert.Equal(2, Count(db, "SELECT count(*) FROM information_schema.tables WHERE table_name LIKE '%timeline%'"));
            Assert.Equal(2, Count(db, "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('packets_timeline_0', 'sessions_timeline_0')"));
            Assert.Equal(1, Count(db, "SELECT count(DISTINCT timeline) FROM packets"));
            using CaptureDatabase alone = CaptureDatabase.Open();
            alone.Load([Data("rst-client.pcap")]);
            Assert.Equal(Dump(alone, "packets"), Dump(db, "packets"));
        }
    }
}
