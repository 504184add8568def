using System.CommandLine;
using TcpLens.Analysis;
using TcpLens.Cli.Infrastructure;
using TcpLens.Cli.Output;
using TcpLens.Results.Tables;

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
        var rows = new RowOptions();
        var command = new Command("packets", """
            One row per TCP frame, analysed as Wireshark 4.6 does in one pass: tcp.stream, relative
            seq/ack, payload length, scaled window, the tcp.analysis flags (retransmission,
            fast_retransmission, spurious_retransmission, out_of_order, lost_segment,
            ack_lost_segment, duplicate_ack, zero_window, zero_window_probe, zero_window_probe_ack,
            window_full, window_update, keep_alive, keep_alive_ack, reused_ports; ';'-separated,
            a list in json), the duplicate-ACK number, ACK RTT and initial RTT (seconds) and bytes
            in flight. Frame numbers are Wireshark's, so `frame.number == N` finds the same frame.
            """)
        {
            capture, stream,
        };
        rows.AddTo(command);
        command.SetAction(parse => rows.TryRead(parse, PacketsTable.Table, out RowChoice<AnalyzedPacket> choice)
            ? Run(parse.GetValue(capture)!, parse.GetValue(stream), choice)
            : ExitCodes.BadUsage);
        return command;
    }

    private static int Run(string file, int? stream, RowChoice<AnalyzedPacket> choice)
    {
        using var progress = new ProgressReporter();
        if (!OnceOnlyInputs.TryPrepare([file], readTwice: false, progress, out OnceOnlyInputs? once))
        {
            return ExitCodes.BadInput;
        }
        using OnceOnlyInputs inputs = once!;
        progress.Reading("read", [file]);
        if (!CaptureInput.TryOpen(file, readAhead: true, out TcpCapture capture))
        {
            return ExitCodes.BadInput;
        }
        using (capture)
        {
            if (!TableOutput<AnalyzedPacket>.TryOpen(PacketsTable.Table, choice, [file], out TableOutput<AnalyzedPacket>? output))
            {
                return ExitCodes.BadUsage;
            }
            using (output)
            {
                while (capture.TryReadPacket(out AnalyzedPacket packet))
                {
                    output!.Origin!.Value ??= capture.FirstFrameTime;
                    if (stream is { } wanted && (!packet.Analysis.HasStream || packet.Analysis.Stream != wanted))
                    {
                        continue;
                    }
                    output.Write(packet);
                }
                if (capture.Error is { } error)
                {
                    Diagnostics.ReadStopped(error, capture.Reader.FramesRead);
                    if (capture.Reader.FramesRead == 0)
                    {
                        return ExitCodes.BadInput;
                    }
                }
                output!.Commit();
            }
        }
        return ExitCodes.Ok;
    }
}
