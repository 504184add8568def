using System.Globalization;
using System.Reflection;
using DuckDB.NET.Data;
using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;
using TcpLens.Capture;
using TcpLens.Data.Tables;

namespace TcpLens.Data;

/// <summary>
/// Captures analysed into DuckDB tables (<see cref="Schema"/>), in memory or in a database file
/// that keeps them between runs: a later <see cref="Load"/> of the same files (same size and
/// modification time, same tcplens version) reuses the tables without reading the captures; a
/// changed file set is analysed again. Several files are one timeline (rotated captures).
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
        db.Execute(Schema.Create("captures", Schema.Captures));
        db.Execute(Schema.Create("packets", Schema.Packets));
        db.Execute(Schema.Create("sessions", Schema.Sessions));
        return db;
    }

    /// <summary>
    /// Makes the tables hold <paramref name="files"/> (as one timeline): true when they already
    /// did (nothing read), false when the captures were analysed now. <paramref name="packets"/>
    /// false leaves the packets table empty (sessions alone are much faster to load).
    /// </summary>
    public bool Load(IReadOnlyList<string> files, bool packets = true, Action<CaptureError>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (IsCurrent(files, packets))
        {
            return true;
        }
        Execute("DELETE FROM packets; DELETE FROM sessions; DELETE FROM captures;");
        var perFile = new Dictionary<string, FileFacts>(StringComparer.Ordinal);
        if (packets)
        {
            LoadPackets(files, perFile);
        }
        LoadSessions(files, perFile, warn);
        using var captures = new TableAppender(Connection, "captures", Schema.Captures);
        foreach (string file in files)
        {
            var info = new FileInfo(file);
            FileFacts f = perFile.GetValueOrDefault(file) ?? new FileFacts();
            captures.Append(
            [
                file, N(info.Exists ? info.Length : 0), N(info.Exists ? info.LastWriteTimeUtc.Ticks : 0), packets ? N(f.Frames) : "",
                packets ? N(f.TcpFrames) : "", N(f.Sessions), f.First?.ToString() ?? "", f.Last?.ToString() ?? "", f.Error ?? "",
                packets ? Version : Version + " sessions-only",
            ]);
        }
        return false;
    }

    private sealed class FileFacts
    {
        public long Frames, TcpFrames, Sessions;
        public Timestamp? First, Last;
        public string? Error;
    }

    private static string N(long v) => v.ToString(CultureInfo.InvariantCulture);

    // Same files in the same order, same size and modification time, same tcplens (and packets if asked).
    private bool IsCurrent(IReadOnlyList<string> files, bool packets)
    {
        using DuckDBCommand cmd = Connection.CreateCommand();
        cmd.CommandText = "SELECT file, size, modified, tcplens_version FROM captures";
        var stored = new List<(string File, long Size, long Modified, string Version)>();
        using (var reader = cmd.ExecuteReader())
        {
            while (reader.Read())
            {
                stored.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3)));
            }
        }
        if (stored.Count != files.Count)
        {
            return false;
        }
        for (int i = 0; i < files.Count; i++)
        {
            var info = new FileInfo(files[i]);
            if (stored[i].File != files[i] || !info.Exists || stored[i].Size != info.Length || stored[i].Modified != info.LastWriteTimeUtc.Ticks
                || (stored[i].Version != Version && !(stored[i].Version == Version + " sessions-only" && !packets)))
            {
                return false;
            }
        }
        return true;
    }

    private void LoadPackets(IReadOnlyList<string> files, Dictionary<string, FileFacts> perFile)
    {
        using TcpCapture capture = TcpCapture.Open(files, readAhead: Environment.ProcessorCount > 1);
        using var rows = new PacketAppender(Connection);
        while (capture.TryReadPacket(out AnalyzedPacket p))
        {
            string file = capture.Reader.Files[capture.Reader.FileIndexOf(p.Frame)];
            rows.Append(p, file);
            FileFacts f = Facts(perFile, file);
            f.TcpFrames++;
            f.First ??= p.Time;
            f.Last = p.Time;
        }
        for (int i = 0; i < capture.Reader.Files.Count; i++)
        {
            string file = capture.Reader.Files[i];
            Facts(perFile, file).Frames = (i + 1 < capture.Reader.Files.Count ? FirstFrameOf(capture.Reader, i + 1) : capture.Reader.FramesRead + 1) - FirstFrameOf(capture.Reader, i);
        }
    }

    private static long FirstFrameOf(CaptureReader reader, int fileIndex)
    {
        // the first global frame number whose file is fileIndex
        long lo = 1, hi = reader.FramesRead + 1;
        while (lo < hi)
        {
            long mid = (lo + hi) / 2;
            if (reader.FileIndexOf(mid) < fileIndex)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    private void LoadSessions(IReadOnlyList<string> files, Dictionary<string, FileFacts> perFile, Action<CaptureError>? warn)
    {
        using TcpCapture capture = TcpCapture.Open(files);
        using var rows = new TableAppender(Connection, "sessions", Schema.Sessions);
        foreach (Session s in capture.Sessions(Environment.ProcessorCount))
        {
            string file = capture.Reader.Files[capture.Reader.FileIndexOf(s.FirstFrame)];
            rows.Append(SessionRow.Cells(s, file));
            Facts(perFile, file).Sessions++;
        }
        foreach (CaptureError error in capture.Reader.Errors)
        {
            Facts(perFile, error.File).Error = error.ToString();
            warn?.Invoke(error);
        }
    }

    private static FileFacts Facts(Dictionary<string, FileFacts> perFile, string file)
    {
        if (!perFile.TryGetValue(file, out FileFacts? f))
        {
            perFile[file] = f = new FileFacts();
        }
        return f;
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
            Execute($"COPY (SELECT *, regexp_replace(file, '^.*[/\\\\]', '') AS capture FROM {table}) TO '{target}' (FORMAT PARQUET, PARTITION_BY (capture), OVERWRITE_OR_IGNORE)");
        }
    }

    /// <summary>Closes the database.</summary>
    public void Dispose() => Connection.Dispose();
}
