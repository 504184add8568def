using System.CommandLine;
using TcpLens.Analysis;
using TcpLens.Capture;
using TcpLens.Cli.Infrastructure;
using TcpLens.Cli.Output;

using TcpLens.Data.Tables;
namespace TcpLens.Cli.Commands;

/// <summary><c>tcplens packets</c>: one row per TCP frame with Wireshark's stream, sequence analysis and flags.</summary>
internal static class PacketsCommand
{
    public static Command Create()
    {
        var capture = CommonOptions.Capture("Capture file (pcap or pcapng, plain, gzip or zstd; recognised by content).");
        var stream = new Option<int?>("--stream", "-s")
        {
            HelpName = "N",
            Description = "Only the frames of this tcp.stream (Wireshark's index).",
        };
        stream.Validators.Add(r =>
        {
            if (Validation.Value<int?>(r) is < 0)
            {
                r.AddError("--stream must be 0 or more");
            }
        });
        var format = CommonOptions.Format();
        var output = CommonOptions.OutputFile();
        var command = new Command("packets", """
            One row per TCP frame, analysed as Wireshark 4.6 does in one pass: tcp.stream, relative
            seq/ack, payload length, scaled window, the tcp.analysis flags (retransmission,
            fast_retransmission, spurious_retransmission, out_of_order, lost_segment,
            ack_lost_segment, duplicate_ack, zero_window, zero_window_probe, zero_window_probe_ack,
            window_full, window_update, keep_alive, keep_alive_ack, reused_ports; ';'-separated),
            the duplicate-ACK number, ACK RTT and initial RTT (seconds) and bytes in flight.
            Frame numbers are Wireshark's, so `frame.number == N` finds the same frame.
            """)
        {
            capture, stream, format, output,
        };
        command.SetAction(parse => Run(parse.GetValue(capture)!, parse.GetValue(stream),
            CommonOptions.ParseFormat(parse.GetValue(format)), parse.GetValue(output)));
        return command;
    }

    private static int Run(string file, int? stream, OutputFormat format, FileInfo? outputFile)
    {
        if (!CaptureInput.OutputIsSafe(outputFile, [file]))
        {
            return ExitCodes.BadUsage;
        }
        if (!CaptureInput.TryOpen(file, readAhead: true, out TcpCapture capture))
        {
            return ExitCodes.BadInput;
        }
        long total = File.Exists(file) ? new FileInfo(file).Length : 0;
        using (capture)
        using (var progress = new ProgressReporter())
        {
            using TextWriter writer = CommonOptions.OpenOutput(outputFile);
            using RowWriter rows = RowWriter.Create(format, writer, PacketRow.Columns);
            while (capture.TryReadPacket(out AnalyzedPacket packet))
            {
                if (stream is { } wanted && (!packet.Analysis.HasStream || packet.Analysis.Stream != wanted))
                {
                    continue;
                }
                rows.WriteRow(PacketRow.Cells(packet));
                if ((packet.Frame & 0xFFFF) == 0)
                {
                    progress.Report(file, capture.Reader.Position, total);
                }
            }
            progress.Clear();
            rows.Complete();
            if (capture.Error is { } error)
            {
                Diagnostics.ReadStopped(error, capture.Reader.FramesRead);
                if (capture.Reader.FramesRead == 0)
                {
                    return ExitCodes.BadInput;
                }
            }
        }
        return ExitCodes.Ok;
    }
}
