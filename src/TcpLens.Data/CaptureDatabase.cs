using System.Globalization;
using System.Reflection;
using DuckDB.NET.Data;
using TcpLens.Analysis;
using TcpLens.Analysis.Timelines;
using TcpLens.Capture;
using TcpLens.Results;
using TcpLens.Results.Tables;
using ColumnInfo = TcpLens.Results.ColumnInfo;

namespace TcpLens.Data;

/// <summary>
/// Captures analysed into DuckDB tables (<see cref="SqlTables"/>, <see cref="SqlSchema"/>), in memory or in a database file
/// that keeps them between runs: a later <c>Load</c> of the same files (same size and
/// modification time, same tcplens version) reuses the tables without reading the captures; a
/// changed file set is analysed again. Rotated pieces of one capture are one timeline;
/// independent captures are loaded in parallel.
/// </summary>
public sealed class CaptureDatabase : IDisposable
{
    private static readonly string Version = typeof(CaptureDatabase).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?";

    private CaptureDatabase(DuckDBConnection connection) => Connection = connection;

    /// <summary>DuckDB's memory limit for the databases this class opens (DuckDB syntax, e.g. "1GB").</summary>
    public static string MemoryLimit { get; set; } = Environment.GetEnvironmentVariable("TCPLENS_DUCKDB_MEMORY") ?? "1GB";

    /// <summary>The open DuckDB connection, for queries of your own.</summary>
    public DuckDBConnection Connection { get; }

    /// <summary>Opens an in-memory database, or the database file at <paramref name="path"/> (created when absent).</summary>
    public static CaptureDatabase Open(string? path = null)
    {
        var connection = new DuckDBConnection(path is null ? "DataSource=:memory:" : $"DataSource={path}");
        connection.Open();
        var db = new CaptureDatabase(connection);
        // DuckDB would otherwise keep up to 80% of RAM for a big capture's packets; past this
        // limit it spills to its temporary directory (an in-memory database too).
        db.Execute($"SET memory_limit = '{MemoryLimit}'");
        db.Execute(SqlSchema.Create("captures", SqlTables.Captures.Schema));
        // packets and sessions are views over per-timeline tables; a new database starts with empty ones
        if (!db.Exists("packets"))
        {
            db.CreateViews(0);
        }
        return db;
    }

    /// <summary>
    /// How many times <see cref="Load(CaptureSet, bool, Action{CaptureError}?, int)"/> reads each
    /// file: twice with packets (the packets and the sessions side by side, each at its own
    /// pace), once without. A progress display multiplies the inputs' size by it; a capture that
    /// can be read only once (a pipe) must be copied to a file first.
    /// </summary>
    public static int ReadsPerFile(bool packets) => packets ? 2 : 1;

    /// <summary>
    /// Makes the tables hold <paramref name="files"/>, grouped by <see cref="CaptureSet.Plan"/>
    /// (rotated pieces of one capture are one timeline, other files are independent): true when
    /// they already did (nothing read), false when the captures were analysed now.
    /// <paramref name="packets"/> false leaves the packets table empty (sessions alone are much
    /// faster to load).
    /// </summary>
    public bool Load(IReadOnlyList<string> files, bool packets = true, Action<CaptureError>? warn = null) =>
        Load(CaptureSet.Plan(files), packets, warn);

    /// <summary>
    /// Makes the tables hold the timelines of <paramref name="set"/>: true when they already did
    /// (same files in the same order, unchanged, same tcplens), false when the captures were
    /// analysed now. Independent timelines load side by side on <paramref name="threads"/>
    /// threads (default: one per core); the tables come out the same, row for row, whatever the
    /// number of threads. <paramref name="warn"/> hears about files that could not be read to
    /// their end, in file order.
    /// </summary>
    public bool Load(CaptureSet set, bool packets = true, Action<CaptureError>? warn = null, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(set);
        string[] files = [.. set.Timelines.SelectMany(t => t.Files)];
        if (IsCurrent(files, packets))
        {
            return true;
        }
        Execute("DELETE FROM captures;");
        DropTimelineTables();
        Execute($"DROP TYPE IF EXISTS {SqlSchema.FileType}; {SqlSchema.CreateFileType(files)}");
        // Each timeline appends into tables of its own (side by side when there are several),
        // and packets and sessions are views that put them one after another (UNION ALL keeps
        // order in DuckDB) with a TIMESTAMP twin of each time column: row order never depends on
        // timing, and nothing is copied.
        var loaders = new TimelineLoader[set.Timelines.Count];
        for (int i = 0; i < loaders.Length; i++)
        {
            Execute(SqlSchema.Create($"packets_timeline_{i}", SqlTables.Packets.Schema, SqlSchema.FileType) + "; "
                + SqlSchema.Create($"sessions_timeline_{i}", SqlTables.Sessions.Schema, SqlSchema.FileType));
            loaders[i] = new TimelineLoader(Sibling, set.Timelines[i].Files[0], $"packets_timeline_{i}", $"sessions_timeline_{i}");
        }
        IReadOnlyList<TimelineEnd> ends = set.ForEach(threads > 0 ? threads : Environment.ProcessorCount,
            (index, capture, workers) => loaders[index].Load(capture, set.Timelines[index].Files, packets, workers, CancellationToken.None));
        CreateViews(loaders.Length);
        OutOfRange = loaders.Sum(l => l.OutOfRange);
        using var capturesExporter = new DuckDbExporter(Connection, "captures");
        using RowWriter<CaptureFileRow> captures = SqlTables.Captures.Begin(capturesExporter);
        for (int t = 0; t < set.Timelines.Count; t++)
        {
            foreach (CaptureError error in ends[t].Errors)
            {
                warn?.Invoke(error);
            }
            foreach (string file in set.Timelines[t].Files)
            {
                var info = new FileInfo(file);
                FileFacts f = loaders[t].PerFile.GetValueOrDefault(file) ?? new FileFacts();
                string? error = f.Error ?? (ends[t].OpenFailure is { } failure && file == set.Timelines[t].Files[0] ? failure : null);
                if (ends[t].OpenFailure is { } openFailure && file == set.Timelines[t].Files[0])
                {
                    warn?.Invoke(new CaptureError(file, CaptureErrorKind.Unsupported, 1, 0, openFailure));
                }
                captures.Write(new CaptureFileRow(file, info.Exists ? info.Length : 0, info.Exists ? Microseconds(info.LastWriteTimeUtc) : null,
                    packets ? f.Frames : null, packets ? f.TcpFrames : null, f.Sessions, f.First, f.Last, error,
                    packets ? Version : Version + " sessions-only", set.Timelines[t].Files[0]));
            }
        }
        captures.Complete();
        return false;
    }

    /// <summary>Times or durations of the last load too large for their SQL columns (a damaged file's), stored as NULL.</summary>
    public long OutOfRange { get; private set; }

    // DuckDB's TIMESTAMP holds microseconds: the time kept, and compared, is the file's to the microsecond
    private static DateTime Microseconds(DateTime t) => new(t.Ticks - t.Ticks % 10, DateTimeKind.Utc);

    // packets and sessions as views over the timelines' tables (an empty table each when there are none)
    private void CreateViews(int timelines)
    {
        if (timelines == 0)
        {
            Execute(SqlSchema.Create("packets_timeline_0", SqlTables.Packets.Schema) + "; " + SqlSchema.Create("sessions_timeline_0", SqlTables.Sessions.Schema));
            timelines = 1;
        }
        foreach ((string table, IReadOnlyList<ColumnInfo> columns) in new[] { ("packets", SqlTables.Packets.Schema), ("sessions", SqlTables.Sessions.Schema) })
        {
            string extra = SqlSchema.TimestampColumns(columns);
            Execute($"CREATE VIEW {table} AS " + string.Join(" UNION ALL ", Enumerable.Range(0, timelines).Select(i => $"SELECT *{extra} FROM {table}_timeline_{i}")));
        }
    }

    // Removes the packets and sessions of an earlier load, whether tables or views over per-timeline tables.
    private void DropTimelineTables()
    {
        var drops = new List<string>();
        using (DuckDBCommand cmd = Connection.CreateCommand())
        {
            cmd.CommandText = "SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = 'main' "
                + "AND (table_name IN ('packets', 'sessions') OR regexp_matches(table_name, '^(packets|sessions)_timeline_[0-9]+$')) "
                + "ORDER BY table_type DESC"; // views first: they depend on the tables
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                drops.Add($"DROP {(reader.GetString(1) == "VIEW" ? "VIEW" : "TABLE")} {reader.GetString(0)};");
            }
        }
        if (drops.Count > 0)
        {
            Execute(string.Concat(drops));
        }
    }

    private bool Exists(string table)
    {
        using DuckDBCommand cmd = Connection.CreateCommand();
        cmd.CommandText = $"SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' AND table_name = '{table}'";
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    // Another connection to this database, for a loader thread: DuckDB appends from several
    // connections at once, each into its own table here.
    private DuckDBConnection Sibling()
    {
        DuckDBConnection connection = Connection.ConnectionString.Contains(":memory:", StringComparison.Ordinal)
            ? Connection.Duplicate()
            : new DuckDBConnection(Connection.ConnectionString);
        if (connection.State != System.Data.ConnectionState.Open)
        {
            connection.Open();
        }
        return connection;
    }

    /// <summary>
    /// True when the tables already hold the timelines of <paramref name="set"/> (same files in
    /// the same order, unchanged, same tcplens, packets too when asked for): a load would read nothing.
    /// </summary>
    public bool Holds(CaptureSet set, bool packets)
    {
        ArgumentNullException.ThrowIfNull(set);
        return IsCurrent([.. set.Timelines.SelectMany(t => t.Files)], packets);
    }

    // Same files in the same order, same size and modification time, same tcplens (and packets if asked).
    private bool IsCurrent(string[] files, bool packets)
    {
        using DuckDBCommand cmd = Connection.CreateCommand();
        cmd.CommandText = "SELECT file, size, modified, tcplens_version FROM captures";
        var stored = new List<(string File, long Size, DateTime? Modified, string Version)>();
        try
        {
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                stored.Add((reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetDateTime(2), reader.GetString(3)));
            }
        }
        catch (InvalidCastException)
        {
            return false; // a database of an older tcplens, whose captures table differs: load again
        }
        if (stored.Count != files.Length)
        {
            return false;
        }
        for (int i = 0; i < files.Length; i++)
        {
            var info = new FileInfo(files[i]);
            if (stored[i].File != files[i] || !info.Exists || stored[i].Size != info.Length || stored[i].Modified != Microseconds(info.LastWriteTimeUtc)
                || (stored[i].Version != Version && !(stored[i].Version == Version + " sessions-only" && !packets)))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Runs a statement that returns nothing.</summary>
    public void Execute(string sql)
    {
        using DuckDBCommand cmd = Connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    /// <summary>Writes <paramref name="tables"/> as Parquet under <paramref name="directory"/>, one folder per table, partitioned per capture file (<c>capture=NAME</c>).</summary>
    public void ExportParquet(string directory, IEnumerable<string> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        Directory.CreateDirectory(directory);
        foreach (string table in tables)
        {
            string target = Path.Combine(directory, table).Replace("'", "''", StringComparison.Ordinal);
            // file and timeline as plain strings in Parquet, whatever the engine reading it knows of ENUMs
            string columns = table == "captures" ? "*" : "* REPLACE (file::VARCHAR AS file, timeline::VARCHAR AS timeline)";
            Execute($"COPY (SELECT {columns}, regexp_replace(file::VARCHAR, '^.*[/\\\\]', '') AS capture FROM {table}) TO '{target}' (FORMAT PARQUET, PARTITION_BY (capture), OVERWRITE_OR_IGNORE)");
        }
    }

    /// <summary>Closes the database.</summary>
    public void Dispose() => Connection.Dispose();
}
