using System.CommandLine;
using System.Globalization;
using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;
using TcpLens.Capture;
using TcpLens.Cli.Infrastructure;
using TcpLens.Cli.Output;

using TcpLens.Data.Tables;
namespace TcpLens.Cli.Commands;

/// <summary><c>tcplens resets</c>: connections ended by a RST from one side, and what else the client had open then.</summary>
internal static class ResetsCommand
{
    private static readonly Column[] Columns =
    [
        new("stream", ColumnKind.Integer), new("client"), new("client_port", ColumnKind.Integer),
        new("server"), new("server_port", ColumnKind.Integer), new("rst_frame", ColumnKind.Integer),
        new("rst_time", ColumnKind.Decimal), new("by"), new("state"), new("closed_by"),
        new("other_open", ColumnKind.Integer), new("other_open_by_server"),
    ];

    public static Command Create()
    {
        var capture = CommonOptions.Capture("Capture file (pcap or pcapng, plain, gzip or zstd).");
        var by = new Option<string>("--by")
        {
            HelpName = "client|server",
            Description = "Whose resets: client (default) or server.",
            DefaultValueFactory = _ => "client",
        };
        by.AcceptOnlyFromAmong("client", "server");
        var filters = new SessionFilterOptions();
        var format = CommonOptions.Format();
        var output = CommonOptions.OutputFile();
        var command = new Command("resets", """
            Connections ended by a RST from the client (or, with --by server, the server): one row
            each, at its first RST from that side, with the number of other connections the same
            client had open at that instant (handshake done, no FIN or RST yet) and how they split
            by server ("10.0.0.5:443=3;10.0.0.6:443=1"). Filters choose which reset connections
            are listed; every connection counts as "open".
            """)
        {
            capture, by, format, output,
        };
        filters.AddTo(command);
        command.SetAction(parse =>
        {
            if (!filters.TryBuild(parse, out SessionFilter filter, out string? error))
            {
                Diagnostics.Error(error!);
                return ExitCodes.BadUsage;
            }
            ResetSide side = parse.GetValue(by) == "server" ? ResetSide.Server : ResetSide.Client;
            return Run(parse.GetValue(capture)!, side, filter, CommonOptions.ParseFormat(parse.GetValue(format)), parse.GetValue(output));
        });
        return command;
    }

    private static int Run(string file, ResetSide side, SessionFilter filter, OutputFormat format, FileInfo? outputFile)
    {
        if (!CaptureInput.OutputIsSafe(outputFile, [file]))
        {
            return ExitCodes.BadUsage;
        }
        if (!CaptureInput.TryOpen(file, readAhead: false, out TcpCapture capture))
        {
            return ExitCodes.BadInput;
        }
        List<Session> sessions;
        using (capture)
        using (var progress = new ProgressReporter())
        {
            long total = File.Exists(file) ? new FileInfo(file).Length : 0;
            sessions = [];
            foreach (Session s in capture.Sessions(CaptureInput.Workers))
            {
                sessions.Add(s);
                progress.Report(file, capture.Reader.Position, total);
            }
            progress.Clear();
            if (capture.Error is { } error)
            {
                Diagnostics.ReadStopped(error, capture.Reader.FramesRead);
                if (capture.Reader.FramesRead == 0)
                {
                    return ExitCodes.BadInput;
                }
            }
            Timestamp origin = capture.FirstFrameTime ?? default;
            using TextWriter writer = CommonOptions.OpenOutput(outputFile);
            using RowWriter rows = RowWriter.Create(format, writer, Columns);
            var inv = CultureInfo.InvariantCulture;
            foreach (ResetEvent e in ResetReport.Build(sessions, side))
            {
                Session s = e.Session;
                if (!filter.Matches(s, origin))
                {
                    continue;
                }
                rows.WriteRow(
                [
                    s.Stream.ToString(inv), s.Client.ToString(), s.ClientPort.ToString(inv), s.Server.ToString(),
                    s.ServerPort.ToString(inv), e.Frame.ToString(inv), e.Time.ToString(),
                    side == ResetSide.Client ? "client" : "server", s.State, ClosedByNames.Name(s.ClosedBy),
                    e.OtherOpen.ToString(inv),
                    string.Join(';', e.OtherOpenByServer.Select(o => $"{o.Server.ToString(o.Port)}={o.Count.ToString(inv)}")),
                ]);
            }
            rows.Complete();
        }
        return ExitCodes.Ok;
    }
}
