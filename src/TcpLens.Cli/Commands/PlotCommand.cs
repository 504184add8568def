using System.CommandLine;
using TcpLens.Analysis;
using TcpLens.Cli.Infrastructure;
using TcpLens.Cli.Output;
using TcpLens.Plots.Charts;
using TcpLens.Plots.Series;

namespace TcpLens.Cli.Commands;

/// <summary><c>tcplens plot</c>: one connection as a chart (PNG or SVG).</summary>
internal static class PlotCommand
{
    public static Command Create()
    {
        var capture = CommonOptions.Capture("Capture file (pcap or pcapng, plain, gzip or zstd).");
        var selection = new StreamSelection();
        var kind = new Option<string>("--kind", "-k")
        {
            Required = true,
            HelpName = string.Join('|', PlotKinds.Names),
            Description = "tcptrace: time-sequence graph with ACK and receive-window lines, SACK blocks, retransmissions and gaps; "
                + "seq: Stevens' sequence numbers over time; window: receive window of each side; ackwin: one side's ACK number "
                + "and window on two axes; throughput: bits per second each way; rtt: ACK round-trip times; inflight: bytes in flight.",
        };
        kind.AcceptOnlyFromAmong([.. PlotKinds.Names]);
        var output = new Option<FileInfo>("--output", "-o") { Required = true, HelpName = "FILE.png|FILE.svg", Description = "The chart file; its extension picks PNG or SVG." };
        var direction = new Option<string>("--direction")
        {
            HelpName = "both|c2s|s2c",
            DefaultValueFactory = _ => "both",
            Description = "Whose frames: both sides (one-direction charts then take the side that sent more data), "
                + "c2s (the client's data, or its ACKs and window) or s2c.",
        };
        direction.AcceptOnlyFromAmong("both", "c2s", "s2c");
        var width = new Option<int>("--width") { HelpName = "PIXELS", DefaultValueFactory = _ => StreamChart.DefaultWidth, Description = "Chart width." };
        var height = new Option<int>("--height") { HelpName = "PIXELS", DefaultValueFactory = _ => StreamChart.DefaultHeight, Description = "Chart height." };
        var command = new Command("plot", """
            Draws one connection: the tcptrace time-sequence graph, Stevens' graph, receive windows,
            ACK number and window, throughput, RTT or bytes in flight, with title, axes in units and
            a legend, as PNG or SVG. Times count from the connection's first frame; sequence and ACK
            numbers are Wireshark's relative numbers.
            """)
        {
            capture, kind, output, direction, width, height,
        };
        selection.AddTo(command);
        command.SetAction(parse =>
        {
            if (!selection.TryParse(parse, out int? stream, out var ends))
            {
                return ExitCodes.BadUsage;
            }
            FileInfo file = parse.GetValue(output)!;
            if (file.Extension.ToLowerInvariant() is not (".png" or ".svg"))
            {
                Diagnostics.Error($"{file.FullName}: the chart file must end in .png or .svg");
                return ExitCodes.BadUsage;
            }
            int w = parse.GetValue(width), h = parse.GetValue(height);
            if (w is < 100 or > 20_000 || h is < 100 or > 20_000)
            {
                Diagnostics.Error("--width and --height: 100 to 20000 pixels");
                return ExitCodes.BadUsage;
            }
            ChartDirection side = parse.GetValue(direction) switch
            {
                "c2s" => ChartDirection.ClientToServer,
                "s2c" => ChartDirection.ServerToClient,
                _ => ChartDirection.Both,
            };
            return Run(parse.GetValue(capture)!, stream, ends, PlotKinds.Parse(parse.GetValue(kind))!.Value, side, file, w, h);
        });
        return command;
    }

    private static int Run(string file, int? stream, (Capture.Decoding.Endpoint A, Capture.Decoding.Endpoint B)? ends,
        PlotKind kind, ChartDirection direction, FileInfo output, int width, int height)
    {
        if (!CaptureInput.OutputIsSafe(output, [file]))
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
        if (StreamSelection.Read(file, stream, ends, readAhead: true, StreamSeries.Collect, progress, out int exit) is not { } series)
        {
            return exit;
        }
        progress.Working("draw");
        if (!OutputTarget.TryOpen(output, [file], out OutputTarget? target))
        {
            return ExitCodes.BadUsage;
        }
        using (target)
        {
            StreamChart.Write(series, kind, target!.Stream, svg: output.Extension.Equals(".svg", StringComparison.OrdinalIgnoreCase), width, height, direction);
            target.Commit();
        }
        CliIo.Current.ErrorLine($"tcplens: {output.FullName}: {kind.ToString().ToLowerInvariant()} chart of {series.Title}, {series.FrameCount} frames");
        return ExitCodes.Ok;
    }
}
