using System.CommandLine;
using TcpLens.Analysis;
using TcpLens.Cli.Infrastructure;
using TcpLens.Cli.Output;
using TcpLens.Correlation.Comparison;
using TcpLens.Correlation.Facts;
using TcpLens.Correlation.Matching;
using TcpLens.Results.Exporters;
using TcpLens.Results.Tables;
using CompareOptions = TcpLens.Correlation.Comparison.CompareOptions;
namespace TcpLens.Cli.Commands;

/// <summary><c>tcplens compare</c>: loss, delay and path changes between a client-side and a server-side capture.</summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var clientCapture = new Argument<string>("CLIENT_CAPTURE") { Description = "Capture taken at (or near) the client." };
        var serverCapture = new Argument<string>("SERVER_CAPTURE") { Description = "Capture of the same traffic taken at (or near) the server." };
        var stream = new Option<int?>("--stream") { HelpName = "N", Description = "Only this client stream (tcp.stream in the client capture)." };
        var window = new Option<string>("--window")
        {
            HelpName = "DURATION",
            Description = "How long a frame waits for its copy at the other point before it counts as lost (a duration with its unit: 5s, 500ms).",
            DefaultValueFactory = _ => "5s",
        };
        var rows = new RowOptions();
        var command = new Command("compare", """
            Compares a client-side and a server-side capture of the same traffic frame by frame,
            after matching their streams as 'tcplens match' does and removing the clock offset.
            Frames pair as the same packet at both points (IP ID and TCP numbers after the learned
            NAT and sequence offsets; numbers alone where the path rewrites IP IDs). One row per
            matched stream, a row 'unmatched' for the connections seen at one point only (client
            SYNs that never reached the server, streams only the server saw, connections outside
            the other capture's span) when there are any, and a last row 'all', their sum: frames
            lost between the points per direction, duplicated, reordered, one-way delay (min,
            median, p99, s) after the clock offset, retransmissions and how many of them resent
            frames that had arrived, server and client think time, hops (TTL decrease), MSS
            clamping, window / IP ID / DSCP rewriting, NAT and sequence offsets. Every frame sent
            is matched, lost, unobserved, resegmented or outside the other span; every frame
            received is matched, duplicated, only at the receiver, resegmented or outside the span.
            A table ends with a short verdict for a ticket; captures that look given the wrong way
            round get a warning and no verdict.
            """)
        {
            clientCapture, serverCapture, stream, window,
        };
        rows.AddTo(command);
        command.SetAction(parse =>
        {
            if (!ValueParsers.TryDuration(parse.GetValue(window)!, out long windowNs, out string why) || windowNs <= 0)
            {
                Diagnostics.Error($"--window: {(why.Length > 0 ? why : "give a duration above zero")}");
                return ExitCodes.BadUsage;
            }
            if (!rows.TryRead(parse, CompareTable.Table, out RowChoice<CompareRow> choice))
            {
                return ExitCodes.BadUsage;
            }
            return Run(parse.GetValue(clientCapture)!, parse.GetValue(serverCapture)!,
                new CompareOptions { ClientStream = parse.GetValue(stream), MatchWindowNs = windowNs }, choice);
        });
        return command;
    }

    private static int Run(string clientFile, string serverFile, CompareOptions options, RowChoice<CompareRow> choice)
    {
        OutputFormat format = choice.Format;
        FileInfo? outputFile = choice.File;
        if (!CaptureInput.OutputIsSafe(outputFile, [clientFile, serverFile]))
        {
            return ExitCodes.BadUsage;
        }
        using var progress = new ProgressReporter();
        if (!OnceOnlyInputs.TryPrepare([clientFile, serverFile], readTwice: true, progress, out OnceOnlyInputs? once))
        {
            return ExitCodes.BadInput;
        }
        using OnceOnlyInputs inputs = once!;
        (clientFile, serverFile) = (inputs.Files[0], inputs.Files[1]);
        MatchResult match;
        ComparisonResult result;
        // two passes over both captures: the streams, to match them; then every packet
        if (!TwoCaptures.TryCollect(clientFile, serverFile, progress, out CaptureFacts client, out CaptureFacts server))
        {
            return ExitCodes.BadInput;
        }
        progress.Working("match");
        match = StreamMatcher.Match(client, server);
        if (options.ClientStream is { } only && !match.Matched.Any(m => m.ClientSide.Stream == only))
        {
            Diagnostics.Error($"--stream {only}: client stream {only} has no match in {serverFile} (see 'tcplens match')");
            return ExitCodes.BadUsage;
        }
        progress.Reading("compare", [clientFile, serverFile]);
        using TcpCapture c = TcpCapture.OpenReadAhead(clientFile);
        using TcpCapture s = TcpCapture.OpenReadAhead(serverFile);
        result = PacketComparer.Compare(c, s, match, options);
        if (result.Order.Reversed && (format != OutputFormat.Table || outputFile is not null))
        {
            // csv, json and -o users see the warning too; a table carries it in its verdict
            Diagnostics.Warning($"the captures look given the wrong way round: {result.Order.ReversedEvidence}; give the client-side capture first");
        }
        if (!OutputTarget.TryOpen(outputFile, [clientFile, serverFile], out OutputTarget? target))
        {
            return ExitCodes.BadUsage;
        }
        using (target)
        {
            TextWriter writer = target!.Writer;
            if (format == OutputFormat.Table)
            {
                target.WriteProse(MatchCommand.Summary(match));
                writer.WriteLine();
                writer.Flush();
            }
            var table = new List<CompareRow>(result.Streams.Count + 2);
            table.AddRange(result.Streams.Select(sc => CompareRow.Of(sc, match.Clock)));
            DirectionComparison ou = result.UnmatchedClientToServer, od = result.UnmatchedServerToClient;
            if (ou.Sent + ou.Received + od.Sent + od.Received > 0)
            {
                table.Add(new CompareRow("unmatched", null, ou, od, match.Clock, new DelayHistogram(), new DelayHistogram()));
            }
            table.Add(new CompareRow("all", null, result.TotalClientToServer, result.TotalServerToClient, match.Clock, result.ServerThink, result.ClientThink));
            using (ITableExporter exporter = Exporters.For(format, target, choice.Cells))
            {
                CompareTable.Table.Write(exporter, table, choice.Columns);
            }
            if (format == OutputFormat.Table)
            {
                writer.WriteLine();
                foreach (string line in result.Verdict)
                {
                    target.WriteProse(line);
                }
            }
            target.Commit();
        }
        return ExitCodes.Ok;
    }
}
