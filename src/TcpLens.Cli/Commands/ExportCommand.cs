using System.CommandLine;
using TcpLens.Cli.Infrastructure;
using TcpLens.Data;

namespace TcpLens.Cli.Commands;

/// <summary><c>tcplens export</c>: the tables as Parquet, partitioned per capture file.</summary>
internal static class ExportCommand
{
    private static readonly string[] Tables = ["packets", "sessions", "captures"];

    public static Command Create()
    {
        var captures = CommonOptions.Captures("Capture files (one timeline).");
        var to = new Option<DirectoryInfo>("--to") { HelpName = "DIR", Description = "Output folder: DIR/TABLE/capture=FILE/*.parquet.", Required = true };
        var tables = new Option<string>("--tables") { HelpName = "packets,sessions,captures", Description = "Tables to write, comma-separated.", DefaultValueFactory = _ => "packets,sessions,captures" };
        var db = new Option<FileInfo?>("--db") { HelpName = "FILE.duckdb", Description = "Keep (or reuse) the analysed tables in this DuckDB file." };
        var timelines = CaptureInput.Timelines();
        var command = new Command("export", """
            Writes the packets, sessions and captures tables (docs/sql.md) as Parquet under DIR, one
            folder per table, partitioned per capture file: the hand-off to Spark, Trino or DuckDB
            on other machines.
            """)
        {
            captures, to, tables, db, timelines,
        };
        command.SetAction(parse =>
        {
            string[] chosen = parse.GetValue(tables)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (chosen.Length == 0 || chosen.Any(t => !Tables.Contains(t)))
            {
                Diagnostics.Error($"--tables: choose among {string.Join(", ", Tables)}");
                return ExitCodes.BadUsage;
            }
            string[] files = CaptureInput.Expand(parse.GetValue(captures)!);
            DirectoryInfo dir = parse.GetValue(to)!;
            if (files.Any(f => Path.GetFullPath(f).StartsWith(dir.FullName + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            {
                Diagnostics.Error($"--to {dir.FullName}: holds an input capture; choose another folder");
                return ExitCodes.BadUsage;
            }
            using var progress = new ProgressReporter();
            if (!OnceOnlyInputs.TryPrepare(files, readTwice: true, progress, out OnceOnlyInputs? once))
            {
                return ExitCodes.BadInput;
            }
            using OnceOnlyInputs inputs = once!;
            files = inputs.Files;
            if (!SqlCommand.OpenAndLoad(files, parse.GetValue(timelines), parse.GetValue(db), chosen.Contains("packets"), progress, out CaptureDatabase? database))
            {
                return ExitCodes.BadInput;
            }
            using (database)
            {
                progress.Working("write");
                database!.ExportParquet(dir.FullName, chosen);
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
