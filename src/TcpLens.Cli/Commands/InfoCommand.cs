using System.CommandLine;
using System.Globalization;
using TcpLens.Capture;
using TcpLens.Capture.Decoding;
using TcpLens.Capture.Summary;
using TcpLens.Cli.Infrastructure;
using TcpLens.Cli.Output;

using TcpLens.Results.Tables;
namespace TcpLens.Cli.Commands;

/// <summary><c>tcplens info</c>: one row per capture file, figures as capinfos gives them.</summary>
internal static class InfoCommand
{
    public static Command Create()
    {
        var captures = CommonOptions.Captures("Capture files (pcap or pcapng, plain, gzip or zstd; recognised by content).");
        var rows = new RowOptions();
        var command = new Command("info", """
            Summarise capture files: format, link types, frames, TCP frames, bytes (on the wire, as
            capinfos' "Data size"), first and last timestamp (epoch seconds), duration, and decode
            problems by kind (truncated or malformed headers). One row per file.
            """)
        {
            captures,
        };
        rows.AddTo(command);
        command.SetAction(parse => rows.TryRead(parse, InfoTable.Table, out RowChoice<CaptureSummary> choice)
            ? Run(parse.GetValue(captures)!, choice)
            : ExitCodes.BadUsage);
        return command;
    }

    private static int Run(string[] files, RowChoice<CaptureSummary> choice)
    {
        if (!CaptureInput.OutputIsSafe(choice.File, files))
        {
            return ExitCodes.BadUsage;
        }
        using var progress = new ProgressReporter();
        if (!OnceOnlyInputs.TryPrepare(files, readTwice: false, progress, out OnceOnlyInputs? once))
        {
            return ExitCodes.BadInput;
        }
        using OnceOnlyInputs inputs = once!;
        var summaries = new List<CaptureSummary>();
        bool anyUseful = false;
        progress.Reading("read", files);
        foreach (string file in files)
        {
            try
            {
                CaptureSummary summary = CaptureSummarizer.Summarize(file);
                if (summary.Error is { } error)
                {
                    Diagnostics.ReadStopped(error, summary.Frames);
                }
                anyUseful |= summary.Error is null || summary.Frames > 0;
                summaries.Add(summary);
            }
            catch (CaptureFormatException e)
            {
                Diagnostics.Error(e.Message);
            }
        }
        if (summaries.Count > 0)
        {
            if (!TableOutput<CaptureSummary>.TryOpen(InfoTable.Table, choice, files, out TableOutput<CaptureSummary>? output))
            {
                return ExitCodes.BadUsage;
            }
            using (output)
            {
                output!.Origin!.Value = summaries.Select(s => s.First).Min();
                foreach (CaptureSummary s in summaries)
                {
                    output.Write(s);
                }
                output.Commit();
            }
        }
        return anyUseful ? ExitCodes.Ok : ExitCodes.BadInput;
    }
}
