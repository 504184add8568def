using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;
using TcpLens.Analysis.Timelines;
using TcpLens.Capture;
using TcpLens.Cli.Infrastructure;
using TcpLens.Cli.Output;

using TcpLens.Data.Tables;
namespace TcpLens.Cli.Commands;

/// <summary><c>tcplens sessions</c>: one row per TCP connection, filtered and sorted.</summary>
internal static class SessionsCommand
{
    public static Command Create()
    {
        var captures = CommonOptions.Captures("Capture files or folders (pcap or pcapng, plain, gzip or zstd); rotated pieces of one capture are one timeline, other files are analysed on their own, in parallel (see --timelines).");
        var timelines = CaptureInput.Timelines();
        var filters = new SessionFilterOptions();
        var sort = new Option<string?>("--sort") { HelpName = "COLUMN", Description = "Sort by this column (numbers numerically; empty values last)." };
        var desc = new Option<bool>("--desc") { Description = "Sort in descending order." };
        var limit = new Option<int?>("--limit") { HelpName = "N", Description = "Print at most N sessions (after sorting)." };
        var first = new Option<bool>("--first") { Description = "Print only the first matching session in stream order, and stop reading there." };
        var columns = new Option<string?>("--columns") { HelpName = "COLUMNS", Description = "Print only these columns, in this order (comma-separated names)." };
        var format = CommonOptions.Format();
        var output = CommonOptions.OutputFile();
        var command = new Command("sessions", """
            One row per TCP connection (tcp.stream): client and server (the SYN's sender is the
            client), start, end, Zeek's conn_state and history, who closed it (FIN or RST, client
            or server), SYN→SYN/ACK delay and initial RTT, packets and payload bytes each way,
            counts of retransmissions, lost segments, duplicate ACKs, zero windows and the other
            analysis flags, ACK-RTT min/avg/max, smallest window, MSS, window scale, SACK, ISNs,
            first and last frame. Filters combine (all must hold). Sessions are printed in stream
            order as they end; memory follows the connections open at a time.
            """)
        {
            captures, format, output, sort, desc, limit, first, columns, timelines,
        };
        filters.AddTo(command);
        command.Validators.Add(r =>
        {
            if (Validation.Value(r, sort) is { } column && !SessionRow.Columns.Any(c => c.Name == column))
            {
                r.AddError($"--sort: no column '{column}'");
            }
            if (Validation.Value(r, columns) is { } list && list.Split(',', StringSplitOptions.TrimEntries).FirstOrDefault(n => !SessionRow.Columns.Any(c => c.Name == n)) is { } unknown)
            {
                r.AddError($"--columns: no column '{unknown}'");
            }
            if (Validation.Value(r, limit) is < 0)
            {
                r.AddError("--limit must be 0 or more");
            }
            if (Validation.Value(r, first) && Validation.Value(r, sort) is not null)
            {
                r.AddError("--first takes the first session in stream order; it cannot be combined with --sort");
            }
        });
        command.SetAction(parse =>
        {
            if (!filters.TryBuild(parse, out SessionFilter filter, out string? error))
            {
                Diagnostics.Error(error!);
                return ExitCodes.BadUsage;
            }
            int? max = parse.GetValue(first) ? 1 : parse.GetValue(limit);
            int[]? selected = parse.GetValue(columns) is { } names
                ? names.Split(',', StringSplitOptions.TrimEntries).Select(n => Array.FindIndex(SessionRow.Columns, c => c.Name == n)).ToArray()
                : null;
            return Run(CaptureInput.Expand(parse.GetValue(captures)!), parse.GetValue(timelines), filter, parse.GetValue(sort), parse.GetValue(desc), max, selected,
                CommonOptions.ParseFormat(parse.GetValue(format)), parse.GetValue(output));
        });
        return command;
    }

    private static int Run(string[] files, string? timelines, SessionFilter filter, string? sort, bool descending, int? limit, int[]? selected,
        OutputFormat format, FileInfo? outputFile)
    {
        if (!CaptureInput.OutputIsSafe(outputFile, files))
        {
            return ExitCodes.BadUsage;
        }
        bool anyUseful = false;
        using TextWriter writer = CommonOptions.OpenOutput(outputFile);
        Column[] shown = selected is null ? SessionRow.Columns : [.. selected.Select(i => SessionRow.Columns[i])];
        using RowWriter rows = RowWriter.Create(format, writer, shown);
        string[] Project(string[] cells) => selected is null ? cells : [.. selected.Select(i => cells[i])];
        var sorted = sort is null ? null : new List<string[]>();
        int printed = 0;
        using (var progress = new ProgressReporter())
        {
            // Independent files are analysed side by side; rows still come file by file, in order.
            long total = files.Where(File.Exists).Sum(f => new FileInfo(f).Length);
            long done = 0;
            void Ended(TimelineEnd end)
            {
                progress.Clear();
                anyUseful |= CaptureInput.Report(end);
                done += end.Files.Where(File.Exists).Sum(f => new FileInfo(f).Length);
            }
            foreach (TimelineSession t in CaptureInput.Plan(files, timelines).Sessions(CaptureInput.Workers, Ended))
            {
                progress.Report(t.File, done, total);
                if (!filter.Matches(t.Session, t.TimelineStart))
                {
                    continue;
                }
                string[] cells = SessionRow.Cells(t.Session, t.File);
                if (sorted is not null)
                {
                    sorted.Add(cells);
                    continue;
                }
                rows.WriteRow(Project(cells));
                if (limit is { } max && ++printed >= max)
                {
                    // nothing more to print: the rest is not read, and not reported
                    anyUseful = true;
                    break;
                }
            }
            progress.Clear();
        }
        if (sorted is not null)
        {
            int index = Array.FindIndex(SessionRow.Columns, c => c.Name == sort);
            IEnumerable<string[]> ordered = Order(sorted, index, SessionRow.Columns[index].Kind, descending);
            foreach (string[] cells in limit is { } max ? ordered.Take(max) : ordered)
            {
                rows.WriteRow(Project(cells));
            }
        }
        rows.Complete();
        return anyUseful ? ExitCodes.Ok : ExitCodes.BadInput;
    }

    // Stable sort; empty cells (absent values) go last in either direction.
    private static IEnumerable<string[]> Order(List<string[]> rows, int column, ColumnKind kind, bool descending)
    {
        if (kind == ColumnKind.Text)
        {
            return descending
                ? rows.OrderBy(r => r[column].Length == 0).ThenByDescending(r => r[column], StringComparer.Ordinal)
                : rows.OrderBy(r => r[column].Length == 0).ThenBy(r => r[column], StringComparer.Ordinal);
        }
        decimal Key(string[] r) => decimal.Parse(r[column], NumberStyles.Float, CultureInfo.InvariantCulture);
        return descending
            ? rows.OrderBy(r => r[column].Length == 0).ThenByDescending(r => r[column].Length == 0 ? 0 : Key(r))
            : rows.OrderBy(r => r[column].Length == 0).ThenBy(r => r[column].Length == 0 ? 0 : Key(r));
    }
}
