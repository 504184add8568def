using System.CommandLine;
using System.Globalization;
using TcpLens.Analysis.Sessions;
using TcpLens.Capture.Decoding;
using TcpLens.Cli.Infrastructure;
using TcpLens.Cli.Output;
using TcpLens.Correlation.Facts;
using TcpLens.Correlation.Matching;

using TcpLens.Data.Tables;
namespace TcpLens.Cli.Commands;

/// <summary><c>tcplens match</c>: which client stream is which server stream, and which SYNs never arrived.</summary>
internal static class MatchCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    internal static readonly string[] Sections = ["matched", "missing", "server-only", "outside", "ambiguous"];

    public static Command Create()
    {
        var clientCapture = new Argument<string>("CLIENT_CAPTURE") { Description = "Capture taken at (or near) the client." };
        var serverCapture = new Argument<string>("SERVER_CAPTURE") { Description = "Capture of the same traffic taken at (or near) the server." };
        var servers = new Option<string[]>("--server")
        {
            HelpName = "ADDR[:PORT]",
            Description = "Only connections to this server (as either capture sees it), in every section; repeatable. Default: every matched and ambiguous connection; missing, server-only and outside: connections to the addresses of the servers whose connections matched (any port), or to any server the other capture shows when none matched.",
            AllowMultipleArgumentsPerToken = false,
        };
        var show = new Option<string>("--show")
        {
            HelpName = "SECTION",
            Description = "With --format csv or json, the section to print: matched (default), missing, server-only, outside, ambiguous. A table shows them all.",
            DefaultValueFactory = _ => "matched",
        };
        show.AcceptOnlyFromAmong(Sections);
        var format = CommonOptions.Format();
        var output = CommonOptions.OutputFile();
        var command = new Command("match", """
            Matches the TCP streams of a client-side and a server-side capture of the same traffic.
            Streams are tied by the SYN's raw sequence number; through NAT by the same number with
            other addresses or ports; when a firewall rewrote sequence numbers, by the SYN's IP ID,
            options, timestamps, timing and first data lengths (and the sequence offset is learned);
            without a SYN at one side (a capture started late), by addresses and ports or the
            learned NAT mapping and overlapping sequence ranges. Unclear cases are listed as
            ambiguous, never guessed. Also: the clock offset between the captures, client SYNs the
            server never saw (grouped by sequence number, with their transmissions), streams only
            the server saw, and those outside the time span both captures cover.
            """)
        {
            clientCapture, serverCapture, servers, show, format, output,
        };
        command.SetAction(parse =>
        {
            var patterns = new List<EndpointPattern>();
            foreach (string text in parse.GetValue(servers) ?? [])
            {
                if (!ValueParsers.TryEndpoint(text, out EndpointPattern p))
                {
                    Diagnostics.Error($"--server: '{text}' is not ADDR, ADDR:PORT or :PORT");
                    return ExitCodes.BadUsage;
                }
                patterns.Add(p);
            }
            return Run(parse.GetValue(clientCapture)!, parse.GetValue(serverCapture)!, new MatchOptions { Servers = patterns },
                parse.GetValue(show)!, CommonOptions.ParseFormat(parse.GetValue(format)), parse.GetValue(output));
        });
        return command;
    }

    private static int Run(string clientFile, string serverFile, MatchOptions options, string show, OutputFormat format, FileInfo? outputFile)
    {
        if (!CaptureInput.OutputIsSafe(outputFile, [clientFile, serverFile]))
        {
            return ExitCodes.BadUsage;
        }
        if (!TwoCaptures.TryCollect(clientFile, serverFile, out CaptureFacts client, out CaptureFacts server))
        {
            return ExitCodes.BadInput;
        }
        MatchResult result = StreamMatcher.Match(client, server, options);
        using TextWriter writer = CommonOptions.OpenOutput(outputFile);
        if (format != OutputFormat.Table)
        {
            if (result.Order.Reversed)
            {
                Diagnostics.Warning($"the captures look given the wrong way round: {result.Order.ReversedEvidence}; give the client-side capture first");
            }
            WriteSection(writer, format, show, result);
            return ExitCodes.Ok;
        }
        writer.WriteLine(Summary(result));
        foreach (string section in Sections)
        {
            writer.WriteLine();
            writer.WriteLine($"{Title(section)}: {Count(result, section)}");
            if (Count(result, section) > 0)
            {
                WriteSection(writer, format, section, result);
            }
        }
        return ExitCodes.Ok;
    }

    internal static string Summary(MatchResult r)
    {
        ClockOffset clock = r.Clock;
        string offset = clock.Samples == 0
            ? "clock offset: unknown (no packet seen at both points); clocks taken as equal"
            : string.Create(Inv, $"clock offset (server - client): {clock.Seconds:+0.000000;-0.000000} s") +
              (clock.UncertaintyNs is { } u ? string.Create(Inv, $" ± {u / 1e6:0.000} ms") : "") +
              $" from {clock.Samples} packets ({clock.Source})";
        var lines = new List<string>
        {
            $"client capture: {r.Client.Name}, {r.Client.Streams.Count} streams; server capture: {r.Server.Name}, {r.Server.Streams.Count} streams",
            offset,
        };
        if (r.Order.Reversed)
        {
            lines.Add($"warning: the captures look given the wrong way round: {r.Order.ReversedEvidence}; give the client-side capture first");
        }
        foreach (NatMapping n in r.Nat)
        {
            lines.Add($"translation: {n.Role} {n.ClientView} seen as {n.ServerView} in {n.Streams} streams" +
                      (n.PortsKept == n.Streams ? ", ports kept" : $", ports changed in {n.Streams - n.PortsKept}"));
        }
        int rewritten = r.Matched.Count(m => m.SeqOffsetC2S != 0 || m.SeqOffsetS2C != 0);
        if (rewritten > 0)
        {
            lines.Add($"sequence numbers rewritten on the path in {rewritten} streams");
        }
        return string.Join(Environment.NewLine, lines);
    }

    private static string Title(string section) => section switch
    {
        "matched" => "Matched streams",
        "missing" => "Client SYNs the server capture never saw (while it was running)",
        "server-only" => "Streams only in the server capture",
        "outside" => "Not comparable: outside the time span the other capture covers",
        _ => "Ambiguous (several equally good candidates; not matched)",
    };

    private static int Count(MatchResult r, string section) => section switch
    {
        "matched" => r.Matched.Count,
        "missing" => r.Missing.Count,
        "server-only" => r.ServerOnly.Count,
        "outside" => r.MissingOutsideSpan.Count + r.ServerOnlyOutsideSpan.Count,
        _ => r.Ambiguous.Count,
    };

    private static void WriteSection(TextWriter writer, OutputFormat format, string section, MatchResult r)
    {
        switch (section)
        {
            case "matched":
                Write(writer, format, MatchedColumns, r.Matched.Select(MatchedRow));
                break;
            case "missing":
                Write(writer, format, MissingColumns, r.Missing.Select(m => MissingRow(m, "")));
                break;
            case "server-only":
                Write(writer, format, StreamColumns, r.ServerOnly.Select(u => StreamRow("server", u)));
                break;
            case "outside":
                Write(writer, format, StreamColumns,
                    r.MissingOutsideSpan.SelectMany(m => m.ClientStreams.Select(i => StreamRow("client", new UnmatchedStream(r.Client.Streams[i], "SYN sent while the server capture was not running"))))
                        .Concat(r.ServerOnlyOutsideSpan.Select(u => StreamRow("server", u))));
                break;
            default:
                Write(writer, format, AmbiguousColumns, r.Ambiguous.Select(a => new[]
                {
                    I(a.ClientSide.Stream), string.Join(';', a.Candidates.Select(c => I(c.Stream))),
                    Tuple(a.ClientSide), a.Reason,
                }));
                break;
        }
    }

    private static void Write(TextWriter writer, OutputFormat format, Column[] columns, IEnumerable<string[]> rows)
    {
        RowWriter w = RowWriter.Create(format, writer, columns);
        foreach (string[] row in rows)
        {
            w.WriteRow(row);
        }
        w.Complete();
    }

    internal static readonly Column[] MatchedColumns =
    [
        new("client_stream", ColumnKind.Integer), new("server_stream", ColumnKind.Integer), new("isn", ColumnKind.Integer),
        new("server_isn", ColumnKind.Integer), new("client_tuple"), new("server_tuple"),
        new("syn_count_client", ColumnKind.Integer), new("syn_count_server", ColumnKind.Integer),
        new("method"), new("evidence"), new("seq_offset_c2s", ColumnKind.Integer), new("seq_offset_s2c", ColumnKind.Integer),
        new("client_start", ColumnKind.Decimal), new("server_start", ColumnKind.Decimal),
    ];

    private static string[] MatchedRow(MatchedStream m) =>
    [
        I(m.ClientSide.Stream), I(m.ServerSide.Stream), Opt(m.ClientSide.ClientIsn), Opt(m.ServerSide.ClientIsn),
        Tuple(m.ClientSide), Tuple(m.ServerSide), I(m.ClientSide.Syns.Count), I(m.ServerSide.Syns.Count),
        m.Method.Name(), m.Evidence, Signed(m.SeqOffsetC2S), Signed(m.SeqOffsetS2C),
        m.ClientSide.Start.ToString(), m.ServerSide.Start.ToString(),
    ];

    internal static readonly Column[] MissingColumns =
    [
        new("client_stream"), new("isn", ColumnKind.Integer), new("syn_count", ColumnKind.Integer), new("src"),
        new("srcport", ColumnKind.Integer), new("dst"), new("dstport", ColumnKind.Integer),
        new("first_time", ColumnKind.Decimal), new("last_time", ColumnKind.Decimal), new("answered"),
    ];

    private static string[] MissingRow(MissingSyn m, string _) =>
    [
        string.Join(';', m.ClientStreams.Select(i => I(i))), I(m.Isn), I(m.SynCount), m.Source.ToString(), I(m.SourcePort),
        m.Destination.ToString(), I(m.DestinationPort), m.FirstTime.ToString(), m.LastTime.ToString(), m.Answered ? "yes" : "no",
    ];

    private static readonly Column[] StreamColumns =
    [
        new("side"), new("stream", ColumnKind.Integer), new("client"), new("client_port", ColumnKind.Integer),
        new("server"), new("server_port", ColumnKind.Integer), new("syn_count", ColumnKind.Integer),
        new("packets", ColumnKind.Integer), new("first_time", ColumnKind.Decimal), new("last_time", ColumnKind.Decimal), new("reason"),
    ];

    private static string[] StreamRow(string side, UnmatchedStream u) =>
    [
        side, I(u.Stream.Stream), u.Stream.Client.ToString(), I(u.Stream.ClientPort), u.Stream.Server.ToString(),
        I(u.Stream.ServerPort), I(u.Stream.Syns.Count), I(u.Stream.PacketsC2S + u.Stream.PacketsS2C),
        u.Stream.Start.ToString(), u.Stream.End.ToString(), u.Reason,
    ];

    private static readonly Column[] AmbiguousColumns =
    [
        new("client_stream", ColumnKind.Integer), new("candidates"), new("client_tuple"), new("reason"),
    ];

    private static string I(long v) => v.ToString(Inv);

    private static string I(uint v) => v.ToString(Inv);

    private static string Opt(uint? v) => v is { } x ? x.ToString(Inv) : "";

    // Offsets print as the signed difference, which reads better than a 32-bit wrap.
    private static string Signed(uint v) => ((int)v).ToString(Inv);

    private static string Tuple(StreamFacts s) => $"{s.Client.ToString(s.ClientPort)}->{s.Server.ToString(s.ServerPort)}";

}
