using System.CommandLine;
using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;
using TcpLens.Cli.Infrastructure;
using TcpLens.Reports.Explain;
using TcpLens.Reports.Ladder;

namespace TcpLens.Cli.Commands;

/// <summary><c>tcplens explain</c>: one connection told in plain words.</summary>
internal static class ExplainCommand
{
    public static Command Create()
    {
        var capture = CommonOptions.Capture("Capture file (pcap or pcapng, plain, gzip or zstd).");
        var stream = new Option<int>("--stream") { HelpName = "N", Description = "The connection by Wireshark's tcp.stream index.", Required = true };
        var output = CommonOptions.OutputFile();
        var command = new Command("explain", """
            One connection in plain words, for a support engineer: the handshake and its timing,
            the options negotiated, the data exchange in phases, every anomaly in order with its
            frame numbers, what it means and its likely cause (a lost segment and the
            retransmission that repaired it, spurious retransmissions, duplicate ACKs and fast
            retransmit, zero and full windows, reordering, frames the capture point missed), the
            close (who sent FIN or RST, with data still unacknowledged or not) and a verdict.
            """)
        {
            capture, stream, output,
        };
        command.SetAction(parse =>
        {
            int n = parse.GetValue(stream);
            if (n < 0)
            {
                Diagnostics.Error("--stream: N must be 0 or more");
                return ExitCodes.BadUsage;
            }
            return Run(parse.GetValue(capture)!, n, parse.GetValue(output));
        });
        return command;
    }

    private static int Run(string file, int stream, FileInfo? outputFile)
    {
        if (!CaptureInput.OutputIsSafe(outputFile, [file]))
        {
            return ExitCodes.BadUsage;
        }
        // two passes: the session summary (state, options, RTT), then the frames with their payload
        Session? session = null;
        if (!CaptureInput.TryOpen(file, readAhead: false, out TcpCapture first))
        {
            return ExitCodes.BadInput;
        }
        using (first)
        {
            session = first.Sessions(CaptureInput.Workers).FirstOrDefault(s => s.Stream == stream);
            if (first.Error is { } error)
            {
                Diagnostics.ReadStopped(error, first.Reader.FramesRead);
            }
        }
        if (session is null)
        {
            Diagnostics.Error($"{file}: no TCP stream {stream}");
            return ExitCodes.BadUsage;
        }
        if (!CaptureInput.TryOpen(file, readAhead: false, out TcpCapture second))
        {
            return ExitCodes.BadInput;
        }
        Ladder? ladder;
        using (second)
        {
            ladder = Ladder.Build(second, stream);
        }
        using TextWriter writer = CommonOptions.OpenOutput(outputFile);
        writer.WriteLine(StreamExplainer.Explain(session, ladder!).ToText());
        return ExitCodes.Ok;
    }
}
