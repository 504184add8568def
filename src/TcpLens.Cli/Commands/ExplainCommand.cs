using System.CommandLine;
using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;
using TcpLens.Capture.Decoding;
using TcpLens.Cli.Infrastructure;
using TcpLens.Cli.Output;
using TcpLens.Reports.Explain;

namespace TcpLens.Cli.Commands;

/// <summary><c>tcplens explain</c>: one connection told in plain words.</summary>
internal static class ExplainCommand
{
    public static Command Create()
    {
        var capture = CommonOptions.Capture("Capture file (pcap or pcapng, plain, gzip or zstd).");
        var selection = new StreamSelection();
        var output = new Option<FileInfo?>("--output", "-o")
        {
            Description = "Write the explanation to this file instead of standard output (never over an input capture).",
            HelpName = "FILE",
        };
        var command = new Command("explain", """
            One connection in plain words, for a ticket: the handshake and its timing, the options
            negotiated, the data exchange in turns, every anomaly with its frames and the evidence
            for its cause (a loss and the resend that repaired it: fast retransmission after
            duplicate ACKs, SACK/RACK-based recovery, a tail-loss probe, or a timeout only when the
            resend came at least the timeout floor after the original; copies made on the path;
            spurious retransmissions; zero and full windows; reordering; frames the capture point
            missed), challenge ACKs, refused and half-open connections, the close (who sent FIN or
            RST, with data still unacknowledged or not) and a verdict that only quotes what the
            lines above it say. Episodes of the same kind are grouped with their frame ranges, so
            a busy stream reads in a screen or two and no anomalous frame is left out.
            """)
        {
            capture, output,
        };
        selection.AddTo(command);
        command.SetAction(parse =>
        {
            if (!selection.TryParse(parse, out int? n, out var ends))
            {
                return ExitCodes.BadUsage;
            }
            return Run(parse.GetValue(capture)!, n, ends, parse.GetValue(output));
        });
        return command;
    }

    private static int Run(string file, int? stream, (Endpoint A, Endpoint B)? ends, FileInfo? outputFile)
    {
        if (!CaptureInput.OutputIsSafe(outputFile, [file]))
        {
            return ExitCodes.BadUsage;
        }
        using var progress = new ProgressReporter();
        if (!OnceOnlyInputs.TryPrepare([file], readTwice: true, progress, out OnceOnlyInputs? once))
        {
            return ExitCodes.BadInput;
        }
        using OnceOnlyInputs inputs = once!;
        file = inputs.Files[0];
        if (ends is { } e && (stream = StreamSelection.FindStream(file, e, progress)) is null)
        {
            return ExitCodes.BadInput;
        }
        // two passes: the session summaries (state, options, RTT, the other streams on the same
        // ports), then the chosen stream's frames with their payload
        progress.Reading("sessions", [file]);
        if (!CaptureInput.TryOpen(file, readAhead: false, out TcpCapture first))
        {
            return ExitCodes.BadInput;
        }
        Session? session;
        ExplainContext context;
        using (first)
        {
            List<Session> all = [.. first.Sessions(CaptureInput.Workers)];
            session = stream >= 0 ? all.Find(s => s.Stream == stream) : null;
            context = session is null ? ExplainContext.None : ExplainContext.Of(session, all);
            if (first.Error is { } error)
            {
                Diagnostics.ReadStopped(error, first.Reader.FramesRead);
            }
        }
        if (session is null)
        {
            Diagnostics.Error(stream >= 0 ? $"{file}: no TCP stream {stream}" : $"{file}: no TCP connection between those endpoints");
            return ExitCodes.BadUsage;
        }
        progress.Reading("explain", [file]);
        if (!CaptureInput.TryOpen(file, readAhead: false, out TcpCapture second))
        {
            return ExitCodes.BadInput;
        }
        Explanation? explanation;
        using (second)
        {
            explanation = StreamExplainer.Explain(second, session, context);
        }
        if (!OutputTarget.TryOpen(outputFile, [file], out OutputTarget? target))
        {
            return ExitCodes.BadUsage;
        }
        using (target)
        {
            target!.WriteProse(explanation!.ToText());
            target.Commit();
        }
        return ExitCodes.Ok;
    }
}
