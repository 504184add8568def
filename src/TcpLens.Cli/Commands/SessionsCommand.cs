using System.CommandLine;
using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;
using TcpLens.Analysis.Timelines;
using TcpLens.Capture;
using TcpLens.Cli.Infrastructure;
using TcpLens.Cli.Output;
using TcpLens.Results;
using TcpLens.Results.Tables;
namespace TcpLens.Cli.Commands;

/// <summary><c>tcplens sessions</c>: one row per TCP connection, filtered and sorted.</summary>
internal static class SessionsCommand
{
    public static Command Create()
    {
        var captures = CommonOptions.Captures("Capture files or folders (pcap or pcapng, plain, gzip or zstd); rotated pieces of one capture are one timeline, other files are analysed on their own, in parallel (see --timelines).");
        var timelines = CaptureInput.Timelines();
        var filters = new SessionFilterOptions();
        var sort = new Option<string?>("--sort") { HelpName = "COLUMN", Description = "Sort by this column (numbers numerically, times in time order; empty values last)." };
        var desc = new Option<bool>("--desc") { Description = "Sort in descending order." };
        var limit = new Option<int?>("--limit") { HelpName = "N", Description = "Print at most N sessions (after sorting)." };
        var first = new Option<bool>("--first") { Description = "Print only the first matching session in stream order, and stop reading there." };
        var rows = new RowOptions();
        var command = new Command("sessions", """
            One row per TCP connection (tcp.stream): client and server (the SYN's sender is the
            client), start, end, Zeek's conn_state and history, who closed it (FIN or RST, client
            or server), SYN→SYN/ACK delay and initial RTT, packets and payload bytes each way,
            counts of retransmissions, lost segments, duplicate ACKs, zero windows and the other
            analysis flags, ACK-RTT min/avg/max, smallest window, MSS, window scale, SACK, ISNs,
            first and last frame. Filters combine (all must hold). Sessions are printed in stream
            order as they end; memory follows the connections open at a time. Column sets:
            default, contract, timing, counts, handshake, windows, capture, all.
            """)
        {
            captures, sort, desc, limit, first, timelines,
        };
        rows.AddTo(command);
        filters.AddTo(command);
        command.Validators.Add(r =>
        {
            if (Validation.Value(r, sort) is { } column && SessionsTable.Table.Find(column) is null)
            {
                string? near = Names.Nearest(column, SessionsTable.Table.Columns.Select(c => c.Name));
                r.AddError($"--sort: no column '{column}'{(near is null ? "" : $" (did you mean '{near}'?)")}");
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
            if (!rows.TryRead(parse, SessionsTable.Table, out RowChoice<TimelineSession> choice))
            {
                return ExitCodes.BadUsage;
            }
            int? max = parse.GetValue(first) ? 1 : parse.GetValue(limit);
            Column<TimelineSession>? sortBy = parse.GetValue(sort) is { } name ? SessionsTable.Table.Find(name) : null;
            return Run(CaptureInput.Expand(parse.GetValue(captures)!), parse.GetValue(timelines), filter, sortBy, parse.GetValue(desc), max, choice);
        });
        return command;
    }

    private static int Run(string[] files, string? timelines, SessionFilter filter, Column<TimelineSession>? sort, bool descending, int? limit,
        RowChoice<TimelineSession> choice)
    {
        using var progress = new ProgressReporter();
        if (!OnceOnlyInputs.TryPrepare(files, readTwice: false, progress, out OnceOnlyInputs? once))
        {
            return ExitCodes.BadInput;
        }
        using OnceOnlyInputs inputs = once!;
        if (!TableOutput<TimelineSession>.TryOpen(SessionsTable.Table, choice, files, out TableOutput<TimelineSession>? output))
        {
            return ExitCodes.BadUsage;
        }
        bool anyUseful = false;
        using (output)
        {
            var sorted = sort is null ? null : new List<TimelineSession>();
            int printed = 0;
            // Independent files are analysed side by side; rows still come file by file, in order.
            void Ended(TimelineEnd end) => anyUseful |= CaptureInput.Report(end);
            CaptureSet set = CaptureInput.Plan(files, timelines);
            progress.Reading("analyse", files);
            foreach (TimelineSession t in set.Sessions(CaptureInput.Workers, Ended))
            {
                output!.Origin!.Value ??= t.TimelineStart;
                if (!filter.Matches(t.Session, t.TimelineStart))
                {
                    continue;
                }
                if (sorted is not null)
                {
                    sorted.Add(t);
                    continue;
                }
                output.Write(t);
                if (limit is { } max && ++printed >= max)
                {
                    // nothing more to print: the rest is not read, and not reported
                    anyUseful = true;
                    break;
                }
            }
            if (sorted is not null)
            {
                IEnumerable<TimelineSession> ordered = Order(sorted, sort!, descending);
                foreach (TimelineSession t in limit is { } max ? ordered.Take(max) : ordered)
                {
                    output!.Write(t);
                }
            }
            if (anyUseful)
            {
                output!.Commit(); // nothing readable: an existing output stays as it was
            }
        }
        return anyUseful ? ExitCodes.Ok : ExitCodes.BadInput;
    }

    // A stable sort on the typed values; absent values go last in either direction.
    private static IEnumerable<TimelineSession> Order(List<TimelineSession> rows, Column<TimelineSession> column, bool descending)
    {
        var keyed = rows.Select((r, i) => (Row: r, Key: column.Read(r), Index: i)).ToList();
        keyed.Sort((a, b) =>
        {
            if (a.Key.HasValue != b.Key.HasValue)
            {
                return a.Key.HasValue ? -1 : 1;
            }
            int c = Cell.Compare(a.Key, b.Key);
            return c != 0 ? (descending ? -c : c) : a.Index.CompareTo(b.Index);
        });
        return keyed.Select(k => k.Row);
    }
}
