using System.CommandLine;
using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;
using TcpLens.Capture;
using TcpLens.Capture.Decoding;
using TcpLens.Cli.Infrastructure;
using TcpLens.Cli.Output;
using TcpLens.Results.Exporters;
using TcpLens.Results.Tables;
using TcpLens.Reports.Ladder;
namespace TcpLens.Cli.Commands;

/// <summary><c>tcplens ladder</c>: one connection, one line per frame, client on the left.</summary>
internal static class LadderCommand
{
    public static Command Create()
    {
        var capture = CommonOptions.Capture("Capture file (pcap or pcapng, plain, gzip or zstd).");
        var selection = new StreamSelection();
        var rows = new RowOptions();
        var command = new Command("ladder", """
            One connection, one line per frame: the direction (client on the left, server on the
            right), frame number, time since the connection's first frame, flags, relative seq
            and ack, payload length, scaled window, and Wireshark's analysis notes ("[TCP Dup ACK
            108#1]"), plus what the visible payload says (TLS records with the ClientHello's SNI,
            HTTP request and status lines). csv/json: the columns of 'packets' plus direction,
            rel_time, notes and payload.
            """)
        {
            capture,
        };
        selection.AddTo(command);
        rows.AddTo(command);
        command.SetAction(parse =>
        {
            if (!selection.TryParse(parse, out int? n, out var ends))
            {
                return ExitCodes.BadUsage;
            }
            if (!rows.TryRead(parse, LadderTable.Table, out RowChoice<LadderFrame> choice))
            {
                return ExitCodes.BadUsage;
            }
            return Run(parse.GetValue(capture)!, n, ends, choice);
        });
        return command;
    }

    private static int Run(string file, int? stream, (Endpoint A, Endpoint B)? ends, RowChoice<LadderFrame> choice)
    {
        if (!CaptureInput.OutputIsSafe(choice.File, [file]))
        {
            return ExitCodes.BadUsage;
        }
        using var progress = new ProgressReporter();
        if (!OnceOnlyInputs.TryPrepare([file], readTwice: ends is not null, progress, out OnceOnlyInputs? once))
        {
            return ExitCodes.BadInput;
        }
        using OnceOnlyInputs inputs = once!;
        file = inputs.Files[0];
        if (StreamSelection.Read(file, stream, ends, readAhead: false, Ladder.Build, progress, out int exit) is not { } ladder)
        {
            return exit;
        }
        progress.Working("write");
        if (!OutputTarget.TryOpen(choice.File, [file], out OutputTarget? target))
        {
            return ExitCodes.BadUsage;
        }
        using (target)
        {
            if (choice.Format == OutputFormat.Table)
            {
                target!.WriteProse($"stream {ladder.Stream}: client {ladder.Client} on the left, server {ladder.Server} on the right, {ladder.Frames.Count} frames");
                target.Writer.WriteLine();
                target.Writer.Flush();
            }
            choice.Cells.Origin!.Value = ladder.Frames.Count > 0 ? ladder.Frames[0].Packet.Time : null;
            using (ITableExporter exporter = Exporters.For(choice.Format, target!, choice.Cells))
            {
                LadderTable.Table.Write(exporter, ladder.Frames, choice.Columns);
            }
            target!.Commit();
        }
        return ExitCodes.Ok;
    }
}
