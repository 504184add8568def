using System.CommandLine;
using System.Globalization;
using TcpLens.Capture;
using TcpLens.Capture.Decoding;
using TcpLens.Capture.Summary;
using TcpLens.Cli.Infrastructure;
using TcpLens.Cli.Output;

using TcpLens.Data.Tables;
namespace TcpLens.Cli.Commands;

/// <summary><c>tcplens info</c>: one row per capture file, figures as capinfos gives them.</summary>
internal static class InfoCommand
{
    private static readonly Column[] Columns =
    [
        new("file"), new("format"), new("link_types"),
        new("frames", ColumnKind.Integer), new("tcp_frames", ColumnKind.Integer), new("bytes", ColumnKind.Integer),
        new("first", ColumnKind.Decimal), new("last", ColumnKind.Decimal), new("duration", ColumnKind.Decimal),
        new("decode_problems"),
        new("captured_bytes", ColumnKind.Integer), new("interfaces", ColumnKind.Integer),
        new("ip_fragments", ColumnKind.Integer), new("icmp_quoted_tcp", ColumnKind.Integer),
        new("time_ordered"), new("read_error"),
    ];

    public static Command Create()
    {
        var captures = CommonOptions.Captures("Capture files (pcap or pcapng, plain, gzip or zstd; recognised by content).");
        var format = CommonOptions.Format();
        var output = CommonOptions.OutputFile();
        var command = new Command("info", """
            Summarise capture files: format, link types, frames, TCP frames, bytes (on the wire, as
            capinfos' "Data size"), first and last timestamp (epoch seconds), duration, and decode
            problems by kind (truncated or malformed headers). One row per file.
            """)
        {
            captures, format, output,
        };
        command.SetAction(parse => Run(parse.GetValue(captures)!, CommonOptions.ParseFormat(parse.GetValue(format)), parse.GetValue(output)));
        return command;
    }

    private static int Run(string[] files, OutputFormat format, FileInfo? outputFile)
    {
        if (CommonOptions.IsInput(outputFile, files))
        {
            Diagnostics.Error($"{outputFile!.FullName}: the output file is one of the input captures; refusing to overwrite it");
            return ExitCodes.BadUsage;
        }
        var summaries = new List<CaptureSummary>();
        bool anyUseful = false;
        using (var progress = new ProgressReporter())
        {
            foreach (string file in files)
            {
                long total = File.Exists(file) ? new FileInfo(file).Length : 0;
                try
                {
                    CaptureSummary summary = CaptureSummarizer.Summarize(file, done => progress.Report(file, done, total));
                    progress.Clear();
                    if (summary.Error is { } error)
                    {
                        Diagnostics.ReadStopped(error, summary.Frames);
                    }
                    anyUseful |= summary.Error is null || summary.Frames > 0;
                    summaries.Add(summary);
                }
                catch (CaptureFormatException e)
                {
                    progress.Clear();
                    Diagnostics.Error(e.Message);
                }
            }
        }
        if (summaries.Count > 0)
        {
            using TextWriter writer = CommonOptions.OpenOutput(outputFile);
            using RowWriter rows = RowWriter.Create(format, writer, Columns);
            foreach (CaptureSummary s in summaries)
            {
                rows.WriteRow(Cells(s));
            }
            rows.Complete();
        }
        return anyUseful ? ExitCodes.Ok : ExitCodes.BadInput;
    }

    private static string[] Cells(CaptureSummary s)
    {
        var inv = CultureInfo.InvariantCulture;
        IEnumerable<InterfaceInfo> used = s.Interfaces.Where(i => i.Frames > 0);
        if (!used.Any())
        {
            used = s.Interfaces;
        }
        string linkTypes = string.Join(';', used.Select(i => LinkTypeNames.ShortName(i.LinkType)).Distinct());
        string problems = string.Join(';', s.Problems.Select(p => $"{p.Key}={p.Value.ToString(inv)}"));
        return
        [
            s.File,
            s.Format.ToString(),
            linkTypes,
            s.Frames.ToString(inv),
            s.TcpFrames.ToString(inv),
            s.WireBytes.ToString(inv),
            s.First?.ToString() ?? "",
            s.Last?.ToString() ?? "",
            s.First is null ? "" : FormatDuration(s.DurationNanoseconds),
            problems,
            s.CapturedBytes.ToString(inv),
            s.Interfaces.Count.ToString(inv),
            s.Count(DecodeOutcome.IpFragment).ToString(inv),
            s.Count(DecodeOutcome.IcmpQuotedTcp).ToString(inv),
            s.StrictTimeOrder ? "true" : "false",
            s.Error?.ToString() ?? "",
        ];
    }

    private static string FormatDuration(Int128 nanoseconds)
    {
        Int128 magnitude = Int128.Abs(nanoseconds);
        var whole = new Timestamp((long)(magnitude / 1_000_000_000), (int)(magnitude % 1_000_000_000)).ToString();
        return nanoseconds < 0 ? "-" + whole : whole;
    }
}
