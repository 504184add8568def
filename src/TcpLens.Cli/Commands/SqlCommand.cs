using System.CommandLine;
using DuckDB.NET.Data;
using TcpLens.Analysis.Timelines;
using TcpLens.Capture;
using TcpLens.Cli.Infrastructure;
using TcpLens.Cli.Output;
using TcpLens.Data;
using TcpLens.Data.Query;

namespace TcpLens.Cli.Commands;

/// <summary><c>tcplens sql</c>: DuckDB SQL over the packets, sessions and captures tables.</summary>
internal static class SqlCommand
{
    public static Command Create()
    {
        var args = new Argument<string[]>("CAPTURE... QUERY") { Description = "Capture files or folders (rotated pieces of one capture are one timeline; see --timelines), then the SQL query.", Arity = ArgumentArity.OneOrMore };
        var db = new Option<FileInfo?>("--db") { HelpName = "FILE.duckdb", Description = "Keep the analysed tables in this DuckDB file: later calls with the same captures (unchanged) answer without reading them." };
        var noPackets = new Option<bool>("--no-packets") { Description = "Load only the sessions and captures tables (much faster on big captures)." };
        var format = CommonOptions.Format();
        var output = CommonOptions.OutputFile();
        var timelines = CaptureInput.Timelines();
        var command = new Command("sql", """
            Runs a DuckDB SQL query over the tables packets (one row per TCP frame: the columns of
            'tcplens packets' and file), sessions (the columns of 'tcplens sessions') and captures
            (one row per file). Rotated pieces of one capture are one timeline; independent
            captures load in parallel, and their stream numbers count apart (join packets and
            sessions on timeline and stream). With --db the tables are kept in a
            DuckDB file and reused while the captures are unchanged; a changed capture is analysed
            again. Values print as DuckDB's own CLI prints them; --format json writes typed JSON
            (docs/sql.md). A bad query prints DuckDB's message and exits with 2.
            """)
        {
            args, db, noPackets, format, output, timelines,
        };
        command.SetAction(parse =>
        {
            string[] all = parse.GetValue(args)!;
            if (all.Length < 2)
            {
                Diagnostics.Error("give one or more captures, then the query");
                return ExitCodes.BadUsage;
            }
            return Run(CaptureInput.Expand(all[..^1]), parse.GetValue(timelines), all[^1], parse.GetValue(db), !parse.GetValue(noPackets), CommonOptions.ChosenFormat(parse.GetValue(format), parse.GetValue(output)), parse.GetValue(output));
        });
        return command;
    }

    private static int Run(string[] files, string? timelines, string query, FileInfo? dbFile, bool packets, OutputFormat format, FileInfo? outputFile)
    {
        if (!CaptureInput.OutputIsSafe(outputFile, files) || !CaptureInput.OutputIsSafe(dbFile, files))
        {
            return ExitCodes.BadUsage;
        }
        using var progress = new ProgressReporter();
        if (!OnceOnlyInputs.TryPrepare(files, readTwice: true, progress, out OnceOnlyInputs? once))
        {
            return ExitCodes.BadInput;
        }
        using OnceOnlyInputs inputs = once!;
        files = inputs.Files;
        if (!OpenAndLoad(files, timelines, dbFile, packets, progress, out CaptureDatabase? database))
        {
            return ExitCodes.BadInput;
        }
        using (database)
        {
            progress.Working("query");
            try
            {
                using QueryResult result = QueryRunner.Run(database!.Connection, query, QueryResultWriter.FormFor(format));
                if (!OutputTarget.TryOpen(outputFile, files, out OutputTarget? target))
                {
                    return ExitCodes.BadUsage;
                }
                using (target)
                {
                    progress.Working("write");
                    QueryResultWriter.Write(result, format, target!);
                    target!.Commit();
                }
            }
            catch (QueryException e)
            {
                Diagnostics.Error(e.Message);
                return ExitCodes.BadUsage;
            }
        }
        return ExitCodes.Ok;
    }

    internal static bool OpenAndLoad(string[] files, string? timelines, FileInfo? dbFile, bool packets, ProgressReporter progress, out CaptureDatabase? database)
    {
        ArgumentNullException.ThrowIfNull(progress);
        database = null;
        foreach (string file in files)
        {
            // every file must be a capture before anything is written
            if (!CaptureInput.TryOpen(file, readAhead: false, out var probe))
            {
                return false;
            }
            probe.Dispose();
        }
        try
        {
            CaptureSet set = CaptureInput.Plan(files, timelines);
            if (dbFile is null)
            {
                database = CaptureDatabase.Open();
                progress.Reading("load", files, CaptureDatabase.ReadsPerFile(packets));
                database.Load(set, packets, error => Diagnostics.Warning(error.ToString()));
                return true;
            }
            return TryOpenCache(dbFile, set, files, packets, progress, out database);
        }
        catch (CaptureFormatException e)
        {
            Diagnostics.Error(e.Message);
            database?.Dispose();
            return false;
        }
        catch (DuckDBException e)
        {
            Diagnostics.Error($"{dbFile?.FullName}: {e.Message.Split('\n')[0].Trim()}");
            database?.Dispose();
            return false;
        }
    }

    // A --db file that already holds these captures is used as it is; else they are loaded into
    // a new database beside it, which replaces it only once loaded: an interrupted or failed
    // load leaves the old file (or none) and no half-loaded one that a later run would trust.
    private static bool TryOpenCache(FileInfo dbFile, CaptureSet set, string[] files, bool packets, ProgressReporter progress, out CaptureDatabase? database)
    {
        database = null;
        string? folder = dbFile.DirectoryName;
        if (folder is null || !Directory.Exists(folder))
        {
            Diagnostics.Error($"{dbFile.FullName}: cannot write the database: the folder {folder} does not exist");
            return false;
        }
        if (dbFile.Exists)
        {
            CaptureDatabase existing;
            try
            {
                existing = CaptureDatabase.Open(dbFile.FullName);
            }
            catch (DuckDBException e) when (e.Message.Contains("not a valid DuckDB database", StringComparison.Ordinal))
            {
                // some other file: never overwritten
                Diagnostics.Error($"{dbFile.FullName}: not a DuckDB database, and tcplens does not overwrite it; give --db a new file or one tcplens made");
                return false;
            }
            if (existing.Holds(set, packets))
            {
                database = existing;
                return true;
            }
            existing.Dispose();
        }
        string temporary = Path.Combine(folder, $".{dbFile.Name}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        TempFiles.Add(temporary);
        TempFiles.Add(temporary + ".wal");
        try
        {
            using (CaptureDatabase fresh = CaptureDatabase.Open(temporary))
            {
                progress.Reading("load", files, CaptureDatabase.ReadsPerFile(packets));
                fresh.Load(set, packets, error => Diagnostics.Warning(error.ToString()));
            }
            TempFiles.Finish(temporary, () => File.Move(temporary, dbFile.FullName, overwrite: true));
        }
        finally
        {
            TempFiles.Remove(temporary);
            TempFiles.Remove(temporary + ".wal");
        }
        database = CaptureDatabase.Open(dbFile.FullName);
        return true;
    }
}
