using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using DuckDB.NET.Data;
using TcpLens.Capture;
using TcpLens.Cli.Infrastructure;
using TcpLens.Cli.Output;
using TcpLens.Data;
using TcpLens.Results;
using TcpLens.Results.Exporters;
using ColumnInfo = TcpLens.Results.ColumnInfo;

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
            again. A bad query prints DuckDB's message and exits with 2.
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
            return Run(CaptureInput.Expand(all[..^1]), parse.GetValue(timelines), all[^1], parse.GetValue(db), !parse.GetValue(noPackets), CommonOptions.ParseFormat(parse.GetValue(format)), parse.GetValue(output));
        });
        return command;
    }

    private static int Run(string[] files, string? timelines, string query, FileInfo? dbFile, bool packets, OutputFormat format, FileInfo? outputFile)
    {
        if (!CaptureInput.OutputIsSafe(outputFile, files) || !CaptureInput.OutputIsSafe(dbFile, files))
        {
            return ExitCodes.BadUsage;
        }
        if (!OpenAndLoad(files, timelines, dbFile, packets, out CaptureDatabase? database))
        {
            return ExitCodes.BadInput;
        }
        using (database)
        {
            try
            {
                using DuckDBCommand cmd = database!.Connection.CreateCommand();
                cmd.CommandText = query;
                using DbDataReader reader = cmd.ExecuteReader();
                var columns = new ColumnInfo[reader.FieldCount];
                for (int i = 0; i < columns.Length; i++)
                {
                    columns[i] = new ColumnInfo(reader.GetName(i), Kind(reader.GetFieldType(i)), "");
                }
                if (!OutputTarget.TryOpen(outputFile, files, out OutputTarget? target))
                {
                    return ExitCodes.BadUsage;
                }
                using (target)
                {
                    using ITableExporter exporter = Exporters.For(format, target!, CellFormat.Default);
                    exporter.Begin(columns);
                    var cells = new Cell[columns.Length];
                    while (reader.Read())
                    {
                        for (int i = 0; i < cells.Length; i++)
                        {
                            cells[i] = reader.IsDBNull(i) ? default
                                : columns[i].Kind == ValueKind.Integer ? Cell.Integer(Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture))
                                : Cell.Text(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "");
                        }
                        exporter.Row(cells);
                    }
                    exporter.Complete();
                    target!.Commit();
                }
            }
            catch (DuckDBException e)
            {
                Diagnostics.Error(e.Message.Split('\n')[0].Trim());
                return ExitCodes.BadUsage;
            }
        }
        return ExitCodes.Ok;
    }

    internal static bool OpenAndLoad(string[] files, string? timelines, FileInfo? dbFile, bool packets, out CaptureDatabase? database)
    {
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
            database = CaptureDatabase.Open(dbFile?.FullName);
            database.Load(CaptureInput.Plan(files, timelines), packets, error => Diagnostics.Warning(error.ToString()));
            return true;
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

    private static ValueKind Kind(Type type) =>
        type == typeof(long) || type == typeof(int) || type == typeof(short) || type == typeof(byte) || type == typeof(uint) || type == typeof(ushort) || type == typeof(sbyte)
            ? ValueKind.Integer : ValueKind.Text;
}
