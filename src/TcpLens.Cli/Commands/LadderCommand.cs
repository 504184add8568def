using System.CommandLine;
using System.Globalization;
using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;
using TcpLens.Capture;
using TcpLens.Capture.Decoding;
using TcpLens.Cli.Infrastructure;
using TcpLens.Cli.Output;
using TcpLens.Data.Tables;
using TcpLens.Reports.Ladder;
namespace TcpLens.Cli.Commands;

/// <summary><c>tcplens ladder</c>: one connection, one line per frame, client on the left.</summary>
internal static class LadderCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly Column[] TableColumns =
    [
        new("frame", ColumnKind.Integer), new("rel_time", ColumnKind.Decimal), new("client ... server"), new("flags"),
        new("seq", ColumnKind.Integer), new("ack", ColumnKind.Integer), new("len", ColumnKind.Integer),
        new("window", ColumnKind.Integer), new("notes"),
    ];

    // csv/json: the columns of `packets`, then direction, rel_time and the notes
    private static readonly Column[] DataColumns =
    [
        .. PacketRow.Columns, new("direction"), new("rel_time", ColumnKind.Decimal), new("notes"), new("payload"),
    ];

    public static Command Create()
    {
        var capture = CommonOptions.Capture("Capture file (pcap or pcapng, plain, gzip or zstd).");
        var selection = new StreamSelection();
        var format = CommonOptions.Format();
        var output = CommonOptions.OutputFile();
        var command = new Command("ladder", """
            One connection, one line per frame: the direction (client on the left, server on the
            right), frame number, time since the connection's first frame, flags, relative seq
            and ack, payload length, scaled window, and Wireshark's analysis notes ("[TCP Dup ACK
            108#1]"), plus what the visible payload says (TLS records with the ClientHello's SNI,
            HTTP request and status lines). csv/json: the columns of 'packets' plus direction,
            rel_time, notes and payload.
            """)
        {
            capture, format, output,
        };
        selection.AddTo(command);
        command.SetAction(parse =>
        {
            if (!selection.TryParse(parse, out int? n, out var ends))
            {
                return ExitCodes.BadUsage;
            }
            return Run(parse.GetValue(capture)!, n, ends, CommonOptions.ParseFormat(parse.GetValue(format)), parse.GetValue(output));
        });
        return command;
    }

    private static int Run(string file, int? stream, (EndpointPattern A, EndpointPattern B)? ends, OutputFormat format, FileInfo? outputFile)
    {
        if (!CaptureInput.OutputIsSafe(outputFile, [file]))
        {
            return ExitCodes.BadUsage;
        }
        if (StreamSelection.Read(file, stream, ends, readAhead: false, Ladder.Build, out int exit) is not { } ladder)
        {
            return exit;
        }
        using TextWriter writer = CommonOptions.OpenOutput(outputFile);
        if (format == OutputFormat.Table)
        {
            writer.WriteLine($"stream {ladder.Stream}: client {ladder.Client.ToString(ladder.ClientPort)} on the left, server {ladder.Server.ToString(ladder.ServerPort)} on the right, {ladder.Frames.Count} frames");
            writer.WriteLine();
        }
        using RowWriter rows = RowWriter.Create(format, writer, format == OutputFormat.Table ? TableColumns : DataColumns);
        foreach (LadderFrame f in ladder.Frames)
        {
            AnalyzedPacket p = f.Packet;
            string notes = f.Payload is null ? f.Notes : f.Notes.Length == 0 ? f.Payload : f.Notes + " " + f.Payload;
            if (format == OutputFormat.Table)
            {
                string[] cells = PacketRow.Cells(p);
                rows.WriteRow(
                [
                    cells[0], PacketRow.Seconds(f.RelativeTimeNs), f.ClientToServer ? "────────►" : "◄────────",
                    cells[7], cells[10], cells[11], cells[12], cells[13], notes,
                ]);
            }
            else
            {
                rows.WriteRow([.. PacketRow.Cells(p), f.ClientToServer ? "c2s" : "s2c", PacketRow.Seconds(f.RelativeTimeNs), f.Notes, f.Payload ?? ""]);
            }
        }
        rows.Complete();
        return ExitCodes.Ok;
    }

}
