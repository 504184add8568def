using DuckDB.NET.Data;
using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;
using TcpLens.Analysis.Timelines;
using TcpLens.Capture;
using TcpLens.Results;

namespace TcpLens.Data;

/// <summary>
/// Loads one timeline (rotated pieces of one capture, or one file) into a packets and a sessions
/// table through its own DuckDB connections: the packets pass and the sessions pass run side by
/// side, and other timelines can load at the same time into tables of their own.
/// </summary>
internal sealed class TimelineLoader(Func<DuckDBConnection> connect, string timeline, string packetsTable, string sessionsTable)
{
    /// <summary>Times or durations too large for their SQL columns, stored as NULL.</summary>
    public long OutOfRange { get; private set; }

    /// <summary>Per-file facts for the captures table, filled by <see cref="Load"/>.</summary>
    public Dictionary<string, FileFacts> PerFile { get; } = new(StringComparer.Ordinal);

    /// <summary>Reads the timeline: <paramref name="capture"/> (opened by the caller) for the packets when wanted, a second reading for the sessions.</summary>
    public void Load(TcpCapture capture, IReadOnlyList<string> files, bool packets, int workers, CancellationToken token)
    {
        if (!packets)
        {
            LoadSessions(capture, workers, token);
            return;
        }
        // The sessions pass is short beside the packets pass (whose cost is the appender):
        // running it alongside costs no wall time.
        var sessionsFacts = new TimelineLoader(connect, timeline, packetsTable, sessionsTable);
        Task sessions = Task.Factory.StartNew(() =>
        {
            using TcpCapture again = TcpCapture.Open(files, capture.Analyzer.Options);
            sessionsFacts.LoadSessions(again, Math.Max(1, workers - 1), token);
        }, token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            LoadPackets(capture, token);
        }
        finally
        {
            sessions.Wait(CancellationToken.None);
        }
        OutOfRange += sessionsFacts.OutOfRange;
        foreach ((string file, FileFacts f) in sessionsFacts.PerFile)
        {
            FileFacts mine = Facts(file);
            mine.Sessions = f.Sessions;
            mine.Error ??= f.Error;
        }
    }

    private void LoadPackets(TcpCapture capture, CancellationToken token)
    {
        using DuckDBConnection connection = connect();
        using var exporter = new DuckDbExporter(connection, packetsTable);
        using RowWriter<FilePacket> rows = SqlTables.Packets.Begin(exporter);
        CaptureReader reader = capture.Reader;
        int fileIndex = -1, filesOpened = 0;
        string file = "";
        long nextFileStart = 0;
        FileFacts facts = new();
        while (capture.TryReadPacket(out AnalyzedPacket p))
        {
            if (p.Frame >= nextFileStart || reader.Files.Count != filesOpened)
            {
                // frames come in order, so the file changes only forward, and only once the reader has opened the next one
                token.ThrowIfCancellationRequested();
                filesOpened = reader.Files.Count;
                fileIndex = reader.FileIndexOf(p.Frame);
                file = reader.Files[fileIndex];
                nextFileStart = fileIndex + 1 < reader.Files.Count ? reader.FirstFrameOf(fileIndex + 1) : long.MaxValue;
                facts = Facts(file);
            }
            rows.Write(new FilePacket(p, file, timeline));
            facts.TcpFrames++;
            facts.First ??= p.Time;
            facts.Last = p.Time;
        }
        rows.Complete();
        OutOfRange += exporter.OutOfRange;
        for (int i = 0; i < reader.Files.Count; i++)
        {
            long end = i + 1 < reader.Files.Count ? reader.FirstFrameOf(i + 1) : reader.FramesRead + 1;
            Facts(reader.Files[i]).Frames = end - reader.FirstFrameOf(i);
        }
        foreach (CaptureError error in reader.Errors)
        {
            Facts(error.File).Error = error.ToString();
        }
    }

    private void LoadSessions(TcpCapture capture, int workers, CancellationToken token)
    {
        using DuckDBConnection connection = connect();
        using var exporter = new DuckDbExporter(connection, sessionsTable);
        using RowWriter<FileSession> rows = SqlTables.Sessions.Begin(exporter);
        Timestamp start = default;
        foreach (Session s in capture.Sessions(workers))
        {
            token.ThrowIfCancellationRequested();
            string file = capture.Reader.Files[capture.Reader.FileIndexOf(s.FirstFrame)];
            start = capture.FirstFrameTime ?? s.Start;
            rows.Write(new FileSession(new TimelineSession(0, s, file, start), timeline));
            Facts(file).Sessions++;
        }
        rows.Complete();
        OutOfRange += exporter.OutOfRange;
        foreach (CaptureError error in capture.Reader.Errors)
        {
            Facts(error.File).Error = error.ToString();
        }
    }

    private FileFacts Facts(string file)
    {
        if (!PerFile.TryGetValue(file, out FileFacts? f))
        {
            PerFile[file] = f = new FileFacts();
        }
        return f;
    }
}

/// <summary>What the captures table says about one file.</summary>
internal sealed class FileFacts
{
    public long Frames, TcpFrames, Sessions;
    public Timestamp? First, Last;
    public string? Error;
}
