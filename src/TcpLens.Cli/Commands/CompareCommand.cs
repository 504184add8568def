using System.CommandLine;
using System.Globalization;
using TcpLens.Analysis;
using TcpLens.Cli.Infrastructure;
using TcpLens.Cli.Output;
using TcpLens.Correlation.Comparison;
using TcpLens.Correlation.Facts;
using TcpLens.Correlation.Matching;
using TcpLens.Data.Tables;
using CompareOptions = TcpLens.Correlation.Comparison.CompareOptions;
namespace TcpLens.Cli.Commands;

/// <summary><c>tcplens compare</c>: loss, delay and path changes between a client-side and a server-side capture.</summary>
internal static class CompareCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    internal static readonly Column[] Columns =
    [
        new("client_stream"), new("server_stream"),
        new("sent_c2s", ColumnKind.Integer), new("sent_s2c", ColumnKind.Integer),
        new("lost_c2s", ColumnKind.Integer), new("lost_s2c", ColumnKind.Integer),
        new("duplicated_c2s", ColumnKind.Integer), new("duplicated_s2c", ColumnKind.Integer),
        new("reordered_c2s", ColumnKind.Integer), new("reordered_s2c", ColumnKind.Integer),
        new("delay_c2s_min", ColumnKind.Decimal), new("delay_c2s_median", ColumnKind.Decimal), new("delay_c2s_p99", ColumnKind.Decimal),
        new("delay_s2c_min", ColumnKind.Decimal), new("delay_s2c_median", ColumnKind.Decimal), new("delay_s2c_p99", ColumnKind.Decimal),
        new("clock_offset", ColumnKind.Decimal),
        new("retrans_c2s", ColumnKind.Integer), new("retrans_delivered_c2s", ColumnKind.Integer),
        new("retrans_s2c", ColumnKind.Integer), new("retrans_delivered_s2c", ColumnKind.Integer),
        new("only_at_receiver_c2s", ColumnKind.Integer), new("only_at_receiver_s2c", ColumnKind.Integer),
        new("unobserved_c2s", ColumnKind.Integer), new("unobserved_s2c", ColumnKind.Integer),
        new("resegmented_c2s", ColumnKind.Integer), new("resegmented_s2c", ColumnKind.Integer),
        new("server_think_median", ColumnKind.Decimal), new("client_think_median", ColumnKind.Decimal),
        new("hops_c2s", ColumnKind.Integer), new("hops_s2c", ColumnKind.Integer),
        new("mss_client", ColumnKind.Integer), new("mss_at_server", ColumnKind.Integer),
        new("window_changed", ColumnKind.Integer), new("ip_id_changed", ColumnKind.Integer), new("dscp_changed", ColumnKind.Integer),
        new("seq_offset_c2s", ColumnKind.Integer), new("seq_offset_s2c", ColumnKind.Integer), new("nat"), new("method"),
        new("clock_uncertainty", ColumnKind.Decimal),
        new("received_c2s", ColumnKind.Integer), new("received_s2c", ColumnKind.Integer),
        new("matched_c2s", ColumnKind.Integer), new("matched_s2c", ColumnKind.Integer),
        new("resegmented_sent_c2s", ColumnKind.Integer), new("resegmented_sent_s2c", ColumnKind.Integer),
        new("outside_span_sent_c2s", ColumnKind.Integer), new("outside_span_sent_s2c", ColumnKind.Integer),
        new("outside_span_received_c2s", ColumnKind.Integer), new("outside_span_received_s2c", ColumnKind.Integer),
    ];

    public static Command Create()
    {
        var clientCapture = new Argument<string>("CLIENT_CAPTURE") { Description = "Capture taken at (or near) the client." };
        var serverCapture = new Argument<string>("SERVER_CAPTURE") { Description = "Capture of the same traffic taken at (or near) the server." };
        var stream = new Option<int?>("--stream") { HelpName = "N", Description = "Only this client stream (tcp.stream in the client capture)." };
        var window = new Option<string>("--window")
        {
            HelpName = "DURATION",
            Description = "How long a frame waits for its copy at the other point before it counts as lost (default 5s).",
            DefaultValueFactory = _ => "5s",
        };
        var format = CommonOptions.Format();
        var output = CommonOptions.OutputFile();
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
            clientCapture, serverCapture, stream, window, format, output,
        };
        command.SetAction(parse =>
        {
            if (!ValueParsers.TryDuration(parse.GetValue(window)!, out long windowNs) || windowNs <= 0)
            {
                Diagnostics.Error($"--window: '{parse.GetValue(window)}' is not a duration such as 5s or 500ms");
                return ExitCodes.BadUsage;
            }
            return Run(parse.GetValue(clientCapture)!, parse.GetValue(serverCapture)!,
                new CompareOptions { ClientStream = parse.GetValue(stream), MatchWindowNs = windowNs },
                CommonOptions.ParseFormat(parse.GetValue(format)), parse.GetValue(output));
        });
        return command;
    }

    private static int Run(string clientFile, string serverFile, CompareOptions options, OutputFormat format, FileInfo? outputFile)
    {
        if (!CaptureInput.OutputIsSafe(outputFile, [clientFile, serverFile]))
        {
            return ExitCodes.BadUsage;
        }
        if (!TwoCaptures.TryCollect(clientFile, serverFile, out CaptureFacts client, out CaptureFacts server))
        {
            return ExitCodes.BadInput;
        }
        MatchResult match = StreamMatcher.Match(client, server);
        if (options.ClientStream is { } only && !match.Matched.Any(m => m.ClientSide.Stream == only))
        {
            Diagnostics.Error($"--stream {only}: client stream {only} has no match in {serverFile} (see 'tcplens match')");
            return ExitCodes.BadUsage;
        }
        ComparisonResult result;
        using (TcpCapture c = TcpCapture.OpenReadAhead(clientFile))
        using (TcpCapture s = TcpCapture.OpenReadAhead(serverFile))
        {
            result = PacketComparer.Compare(c, s, match, options);
        }
        if (result.Order.Reversed && (format != OutputFormat.Table || outputFile is not null))
        {
            // csv, json and -o users see the warning too; a table carries it in its verdict
            Diagnostics.Warning($"the captures look given the wrong way round: {result.Order.ReversedEvidence}; give the client-side capture first");
        }
        using TextWriter writer = CommonOptions.OpenOutput(outputFile);
        if (format == OutputFormat.Table)
        {
            writer.WriteLine(MatchCommand.Summary(match));
            writer.WriteLine();
        }
        RowWriter rows = RowWriter.Create(format, writer, Columns);
        foreach (StreamComparison sc in result.Streams)
        {
            rows.WriteRow(Row(I(sc.Match.ClientSide.Stream), I(sc.Match.ServerSide.Stream), sc.ClientToServer, sc.ServerToClient,
                match.Clock, sc.ServerThink, sc.ClientThink, sc.MssAtClient, sc.MssAtServer, sc.Match));
        }
        DirectionComparison ou = result.UnmatchedClientToServer, od = result.UnmatchedServerToClient;
        if (ou.Sent + ou.Received + od.Sent + od.Received > 0)
        {
            rows.WriteRow(Row("unmatched", "unmatched", ou, od, match.Clock, new DelayHistogram(), new DelayHistogram(), null, null, null));
        }
        rows.WriteRow(Row("all", "all", result.TotalClientToServer, result.TotalServerToClient, match.Clock,
            result.ServerThink, result.ClientThink, null, null, null));
        rows.Complete();
        if (format == OutputFormat.Table)
        {
            writer.WriteLine();
            foreach (string line in result.Verdict)
            {
                writer.WriteLine(line);
            }
        }
        return ExitCodes.Ok;
    }

    private static string[] Row(string clientStream, string serverStream, DirectionComparison up, DirectionComparison down, ClockOffset clock,
        DelayHistogram serverThink, DelayHistogram clientThink, int? mssClient, int? mssServer, MatchedStream? m) =>
    [
        clientStream, serverStream, I(up.Sent), I(down.Sent), I(up.Lost), I(down.Lost), I(up.Duplicated), I(down.Duplicated),
        I(up.Reordered), I(down.Reordered),
        Seconds(up.Delay.Count > 0 ? up.Delay.Min : null), Seconds(up.Delay.Percentile(0.5)), Seconds(up.Delay.Percentile(0.99)),
        Seconds(down.Delay.Count > 0 ? down.Delay.Min : null), Seconds(down.Delay.Percentile(0.5)), Seconds(down.Delay.Percentile(0.99)),
        Seconds(clock.OffsetNs),
        I(up.Retransmissions), I(up.RetransmissionsOfDelivered), I(down.Retransmissions), I(down.RetransmissionsOfDelivered),
        I(up.OnlyAtReceiver), I(down.OnlyAtReceiver), I(up.Unobserved), I(down.Unobserved),
        I(up.Resegmented), I(down.Resegmented),
        Seconds(serverThink.Percentile(0.5)), Seconds(clientThink.Percentile(0.5)),
        Opt(up.Hops), Opt(down.Hops), Opt(mssClient), Opt(mssServer),
        I(up.WindowChanged + down.WindowChanged), I(up.IpIdChanged + down.IpIdChanged), I(up.DscpChanged + down.DscpChanged),
        m is null ? "" : ((int)m.SeqOffsetC2S).ToString(Inv), m is null ? "" : ((int)m.SeqOffsetS2C).ToString(Inv),
        m is null || !m.Translated ? "" : $"{m.ClientSide.Client.ToString(m.ClientSide.ClientPort)}={m.ServerSide.Client.ToString(m.ServerSide.ClientPort)}",
        m?.Method.Name() ?? "",
        Seconds(clock.UncertaintyNs),
        I(up.Received), I(down.Received), I(up.Matched), I(down.Matched),
        I(up.ResegmentedSent), I(down.ResegmentedSent),
        I(up.OutsideSpanSent), I(down.OutsideSpanSent), I(up.OutsideSpanReceived), I(down.OutsideSpanReceived),
    ];

    private static string I(long v) => v.ToString(Inv);

    private static string Opt(int? v) => v is { } x ? x.ToString(Inv) : "";

    private static string Seconds(long? ns) => ns is { } v ? (v / 1e9).ToString("0.000000", Inv) : "";
}
