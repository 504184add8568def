using System.CommandLine;
using TcpLens.Capture;
using TcpLens.Capture.Timelines;
using TcpLens.Cli.Infrastructure;
using TcpLens.Cli.Output;
using TcpLens.Plots.Report;

namespace TcpLens.Cli.Commands;

/// <summary><c>tcplens report</c>: one self-contained HTML page about a capture, for a browser or a ticket.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var captures = CommonOptions.Captures("Capture files, read as one timeline in the order given (a folder stands for the files in it).");
        var output = new Option<FileInfo>("--output", "-o")
        {
            Description = "The HTML file to write (never over an input capture).",
            HelpName = "FILE",
            Required = true,
        };
        var top = new Option<int>("--top")
        {
            HelpName = "N",
            Description = "Rows in each table of worst sessions.",
            DefaultValueFactory = _ => 20,
        };
        var charts = new Option<int>("--charts")
        {
            HelpName = "N",
            Description = "How many of the worst streams get charts: time-sequence, window and RTT (0 for none).",
            DefaultValueFactory = _ => 5,
        };
        var match = new Option<string?>("--match")
        {
            HelpName = "SERVER_CAPTURE",
            Description = "A capture of the same traffic at the server: adds the two-point comparison of 'tcplens compare' (CAPTURE is the client side).",
        };
        var window = new Option<string>("--window")
        {
            HelpName = "DURATION",
            Description = "With --match: how long a frame waits for its copy at the other point before it counts as lost (a duration with its unit: 5s, 500ms).",
            DefaultValueFactory = _ => "5s",
        };
        var command = new Command("report", """
            One self-contained HTML file about a capture, to open in any browser without network
            access: a capture summary, anomaly totals (analysis flags, resets, connection
            attempts never answered, refused with a RST or met by an RFC 5961 challenge ACK,
            handshake delays, connection states), the worst sessions by loss, retransmissions,
            SYN→SYN/ACK delay and RTT, and the unanswered and the refused or challenged attempts,
            in tables sortable by clicking a heading, each row with its Wireshark display filter, and time-sequence, window and
            RTT charts (inline SVG) of the worst few streams. With --match, also the client/server
            comparison of 'tcplens compare': clock offset, matched and missing connections, loss,
            duplication, reordering and delay between the points, and the verdict.
            """)
        {
            captures, output, top, charts, match, window,
        };
        // Checked here rather than in a command validator: a validator also runs when a value
        // did not parse ("--top x"), and reading it there throws instead of reporting.
        command.SetAction(parse =>
        {
            if (parse.GetValue(top) < 0 || parse.GetValue(charts) < 0)
            {
                Diagnostics.Error(parse.GetValue(top) < 0 ? "--top must be 0 or more" : "--charts must be 0 or more");
                return ExitCodes.BadUsage;
            }
            if (!ValueParsers.TryDuration(parse.GetValue(window)!, out long windowNs, out string why) || windowNs <= 0)
            {
                Diagnostics.Error($"--window: {(why.Length > 0 ? why : "give a duration above zero")}");
                return ExitCodes.BadUsage;
            }
            var options = new ReportOptions
            {
                Top = parse.GetValue(top),
                Charts = parse.GetValue(charts),
                ServerCapture = parse.GetValue(match),
                MatchWindowNs = windowNs,
                Workers = CaptureInput.Workers,
            };
            return Run(CaptureInput.Expand(parse.GetValue(captures)!), options, parse.GetValue(output)!);
        });
        return command;
    }

    private static int Run(string[] files, ReportOptions options, FileInfo output)
    {
        string[] inputs = options.ServerCapture is { } server ? [.. files, server] : files;
        if (!CaptureInput.OutputIsSafe(output, inputs))
        {
            return ExitCodes.BadUsage;
        }
        if (files.Length == 0)
        {
            Diagnostics.Error("no capture files (the folders given are empty)");
            return ExitCodes.BadInput;
        }
        // The report reads one timeline: the pieces of a rotation in the order they were written
        // (tcpdump -C's cap.pcap10 after cap.pcap9), other files after them in the order given.
        TimelinePlan plan = TimelinePlan.Make(files);
        foreach (RotationNote note in plan.Notes)
        {
            Diagnostics.Note(note.Verdict == RotationVerdict.Separated ? note.ToString() : $"{note}; report on one file to see it alone");
        }
        if (plan.Timelines.Count > 1)
        {
            Diagnostics.Warning($"the files look like {plan.Timelines.Count} separate captures; the report reads them as one timeline, one after another");
        }
        files = [.. plan.Timelines.SelectMany(t => t.Files)];
        using var progress = new ProgressReporter();
        if (!OnceOnlyInputs.TryPrepare(inputs, readTwice: false, progress, out OnceOnlyInputs? once))
        {
            return ExitCodes.BadInput;
        }
        using OnceOnlyInputs prepared = once!;
        ReportModel model;
        progress.Reading("analyse", options.ServerCapture is { } s ? [.. files, s] : files);
        try
        {
            model = ReportBuilder.Build(files, options);
        }
        catch (CaptureFormatException e)
        {
            Diagnostics.Error(e.Message);
            return ExitCodes.BadInput;
        }
        foreach (string warning in model.Warnings)
        {
            Diagnostics.Warning(warning);
        }
        if (model.Overview.Frames == 0 && model.Overview.ReadErrors.Count > 0)
        {
            return ExitCodes.BadInput;
        }
        progress.Working("write");
        if (!OutputTarget.TryOpen(output, inputs, out OutputTarget? target))
        {
            return ExitCodes.BadUsage;
        }
        using (target)
        {
            HtmlReport.Write(model, target!.Writer);
            target.Commit();
        }
        return ExitCodes.Ok;
    }
}
