using System.CommandLine;
using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;
using TcpLens.Capture;
using TcpLens.Cli.Infrastructure;
using TcpLens.Cli.Output;
using TcpLens.Results.Tables;
namespace TcpLens.Cli.Commands;

/// <summary><c>tcplens resets</c>: connections ended by a RST from one side, and what else the client had open then.</summary>
internal static class ResetsCommand
{
    public static Command Create()
    {
        var capture = CommonOptions.Capture("Capture file (pcap or pcapng, plain, gzip or zstd).");
        var by = new Option<string>("--by")
        {
            HelpName = "client|server",
            Description = "Whose resets: the client's or the server's.",
            DefaultValueFactory = _ => "client",
        };
        by.AcceptOnlyFromAmong("client", "server");
        var filters = new SessionFilterOptions();
        var rows = new RowOptions();
        var command = new Command("resets", """
            Connections ended by a RST from the client (or, with --by server, the server): one row
            each, at its first RST from that side, with the number of other connections the same
            client had open at that instant (handshake done, no FIN or RST yet) and how they split
            by server ("10.0.0.5:443=3;10.0.0.6:443=1"). Filters choose which reset connections
            are listed; every connection counts as "open".
            """)
        {
            capture, by,
        };
        rows.AddTo(command);
        filters.AddTo(command);
        command.SetAction(parse =>
        {
            if (!filters.TryBuild(parse, out SessionFilter filter, out string? error))
            {
                Diagnostics.Error(error!);
                return ExitCodes.BadUsage;
            }
            if (!rows.TryRead(parse, ResetsTable.Table, out RowChoice<ResetEvent> choice))
            {
                return ExitCodes.BadUsage;
            }
            ResetSide side = parse.GetValue(by) == "server" ? ResetSide.Server : ResetSide.Client;
            return Run(parse.GetValue(capture)!, side, filter, choice);
        });
        return command;
    }

    private static int Run(string file, ResetSide side, SessionFilter filter, RowChoice<ResetEvent> choice)
    {
        using var progress = new ProgressReporter();
        if (!OnceOnlyInputs.TryPrepare([file], readTwice: false, progress, out OnceOnlyInputs? once))
        {
            return ExitCodes.BadInput;
        }
        using OnceOnlyInputs inputs = once!;
        progress.Reading("analyse", [file]);
        if (!CaptureInput.TryOpen(file, readAhead: false, out TcpCapture capture))
        {
            return ExitCodes.BadInput;
        }
        List<Session> sessions;
        using (capture)
        {
            sessions = [.. capture.Sessions(CaptureInput.Workers)];
            progress.Working("write");
            if (capture.Error is { } error)
            {
                Diagnostics.ReadStopped(error, capture.Reader.FramesRead);
                if (capture.Reader.FramesRead == 0)
                {
                    return ExitCodes.BadInput;
                }
            }
            Timestamp origin = capture.FirstFrameTime ?? default;
            if (!TableOutput<ResetEvent>.TryOpen(ResetsTable.Table, choice, [file], out TableOutput<ResetEvent>? output))
            {
                return ExitCodes.BadUsage;
            }
            using (output)
            {
                output!.Origin!.Value = capture.FirstFrameTime;
                foreach (ResetEvent e in ResetReport.Build(sessions, side))
                {
                    if (filter.Matches(e.Session, origin))
                    {
                        output.Write(e);
                    }
                }
                output.Commit();
            }
        }
        return ExitCodes.Ok;
    }
}
