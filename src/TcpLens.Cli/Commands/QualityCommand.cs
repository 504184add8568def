using System.CommandLine;
using System.Globalization;
using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;
using TcpLens.Analysis.Timelines;
using TcpLens.Capture;
using TcpLens.Capture.Timelines;
using TcpLens.Cli.Infrastructure;
using TcpLens.Cli.Output;
using TcpLens.Results.Tables;
using TcpLens.Reports.Quality;
namespace TcpLens.Cli.Commands;

/// <summary><c>tcplens quality</c>: the share of new sessions in a window that lost packets, per server.</summary>
internal static class QualityCommand
{
    public static Command Create()
    {
        var captures = CommonOptions.Captures("Capture files or folders: rotated pieces of one capture are one timeline (a connection spanning two files is one session), other files are read on their own, in parallel (see --timelines).");
        var timelineOption = CaptureInput.Timelines();
        var servers = new Option<string[]>("--server")
        {
            HelpName = "CIDR|ADDR[:PORT]",
            Description = "Only sessions to these servers (repeatable): 10.0.80.0/24, 10.0.80.5, 10.0.80.5:443 or :443.",
        };
        var from = new Option<string?>("--from") { HelpName = "TIME", Description = "Window start: epoch seconds, ISO 8601, or +OFFSET from the first frame (+30s)." };
        var to = new Option<string?>("--to") { HelpName = "TIME", Description = "Window end (exclusive), same forms." };
        var perFile = new Option<bool>("--per-file") { Description = "Rows per capture file (the file of each session's first SYN), to append weekly runs to one CSV." };
        var rowOptions = new RowOptions();
        var command = new Command("quality", """
            The share of NEW TCP sessions in a monitoring window that lost packets: whether a
            capture point (SPAN, tap, load-balancer clone) sees enough to rebuild sessions. A
            session is new when its first SYN without ACK falls in the window (sessions already
            in flight are left out); it lost packets when any of its frames carries Wireshark's
            lost_segment or ack_lost_segment; it retransmitted when any carries retransmission.
            One row per server and a last row 'all'.
            """)
        {
            captures, servers, from, to, perFile, timelineOption,
        };
        rowOptions.AddTo(command);
        command.SetAction(parse =>
        {
            var selectors = new List<EndpointPattern>();
            foreach (string text in parse.GetValue(servers) ?? [])
            {
                if (!ValueParsers.TryEndpoint(text, out EndpointPattern e, out string why))
                {
                    Diagnostics.Error($"--server: {why}");
                    return ExitCodes.BadUsage;
                }
                selectors.Add(e);
            }
            var window = new (Timestamp? Absolute, long? Offset)[2];
            string?[] texts = [parse.GetValue(from), parse.GetValue(to)];
            for (int i = 0; i < 2; i++)
            {
                if (texts[i] is { } t && !ValueParsers.TryTime(t, out window[i].Absolute, out window[i].Offset, out string why))
                {
                    Diagnostics.Error($"{(i == 0 ? "--from" : "--to")}: {why}");
                    return ExitCodes.BadUsage;
                }
            }
            if (!rowOptions.TryRead(parse, QualityTable.Table, out RowChoice<QualityRow> choice))
            {
                return ExitCodes.BadUsage;
            }
            return Run(CaptureInput.Expand(parse.GetValue(captures)!), parse.GetValue(timelineOption), selectors, window[0], window[1], parse.GetValue(perFile), choice);
        });
        return command;
    }

    private static int Run(string[] files, string? timelines, List<EndpointPattern> servers, (Timestamp? Absolute, long? Offset) from,
        (Timestamp? Absolute, long? Offset) to, bool perFile, RowChoice<QualityRow> choice)
    {
        // a relative --from or --to reads each file's first frame before the analysis
        using var progress = new ProgressReporter();
        if (!OnceOnlyInputs.TryPrepare(files, readTwice: from.Offset is not null || to.Offset is not null, progress, out OnceOnlyInputs? once))
        {
            return ExitCodes.BadInput;
        }
        using OnceOnlyInputs inputs = once!;
        files = inputs.Files;
        // offsets such as +30s count from the earliest first frame of all the files
        Timestamp? origin = from.Offset is null && to.Offset is null ? null : files.Select(CaptureTimeline.FirstFrameTime).Where(t => t is not null).Min();
        var report = new QualityReport(new QualityOptions
        {
            Servers = servers,
            From = Resolve(from, origin),
            To = Resolve(to, origin),
            PerFile = perFile,
        }, _ => "");
        bool anyUseful = false;
        void Ended(TimelineEnd end) => anyUseful |= CaptureInput.Report(end);
        CaptureSet set = CaptureInput.Plan(files, timelines);
        progress.Reading("analyse", files);
        Timestamp? firstFrame = null; // the earliest timeline's start: where relative times count from
        foreach (TimelineSession t in set.Sessions(CaptureInput.Workers, Ended))
        {
            report.Add(t.Session, t.File);
            firstFrame = firstFrame is { } f && f <= t.TimelineStart ? f : t.TimelineStart;
        }
        if (!anyUseful)
        {
            return ExitCodes.BadInput;
        }
        if (report.WhyNothingCounted() is { } why)
        {
            Diagnostics.Note(why);
        }
        if (!TableOutput<QualityRow>.TryOpen(QualityTable.Table, choice, files, out TableOutput<QualityRow>? output))
        {
            return ExitCodes.BadUsage;
        }
        using (output)
        {
            output!.Origin!.Value = origin ?? firstFrame;
            foreach (QualityRow r in report.Rows())
            {
                output.Write(r);
            }
            output.Commit();
        }
        return ExitCodes.Ok;
    }

    private static Timestamp? Resolve((Timestamp? Absolute, long? Offset) t, Timestamp? origin) =>
        t.Absolute ?? (t.Offset is { } ns && origin is { } o
            ? new Timestamp(o.Seconds + (o.Nanoseconds + ns) / 1_000_000_000, (int)((o.Nanoseconds + ns) % 1_000_000_000))
            : null);

}
