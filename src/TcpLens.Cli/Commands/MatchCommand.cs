using System.CommandLine;
using System.Globalization;
using TcpLens.Analysis.Sessions;
using TcpLens.Capture.Decoding;
using TcpLens.Cli.Infrastructure;
using TcpLens.Cli.Output;
using TcpLens.Correlation.Facts;
using TcpLens.Correlation.Matching;
using TcpLens.Results;
using TcpLens.Results.Exporters;
using TcpLens.Results.Tables;
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
            Description = "With --format csv or json, the section to print: matched, missing, server-only, outside or ambiguous. A table shows them all.",
            DefaultValueFactory = _ => "matched",
        };
        show.AcceptOnlyFromAmong(Sections);
        var rows = new RowOptions();
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
            clientCapture, serverCapture, servers, show,
        };
        rows.AddTo(command);
        command.SetAction(parse =>
        {
            var patterns = new List<EndpointPattern>();
            foreach (string text in parse.GetValue(servers) ?? [])
            {
                if (!ValueParsers.TryEndpoint(text, out EndpointPattern p, out string why))
                {
                    Diagnostics.Error($"--server: {why}");
                    return ExitCodes.BadUsage;
                }
                patterns.Add(p);
            }
            string section = parse.GetValue(show)!;
            bool ok = section switch
            {
                "matched" => rows.TryRead(parse, MatchTables.Matched, out _),
                "missing" => rows.TryRead(parse, MatchTables.Missing, out _),
                "ambiguous" => rows.TryRead(parse, MatchTables.Ambiguous, out _),
                _ => rows.TryRead(parse, MatchTables.Streams, out _),
            };
            if (!ok)
            {
                return ExitCodes.BadUsage;
            }
            return Run(parse.GetValue(clientCapture)!, parse.GetValue(serverCapture)!, new MatchOptions { Servers = patterns }, section, rows, parse);
        });
        return command;
    }

    private static int Run(string clientFile, string serverFile, MatchOptions options, string show, RowOptions rows, ParseResult parse)
    {
        FileInfo? file = parse.GetValue(rows.Output);
        if (!CaptureInput.OutputIsSafe(file, [clientFile, serverFile]))
        {
            return ExitCodes.BadUsage;
        }
        using var progress = new ProgressReporter();
        if (!OnceOnlyInputs.TryPrepare([clientFile, serverFile], readTwice: false, progress, out OnceOnlyInputs? once))
        {
            return ExitCodes.BadInput;
        }
        using OnceOnlyInputs inputs = once!;
        MatchResult result;
        if (!TwoCaptures.TryCollect(clientFile, serverFile, progress, out CaptureFacts client, out CaptureFacts server))
        {
            return ExitCodes.BadInput;
        }
        progress.Working("match");
        result = StreamMatcher.Match(client, server, options);
        if (!OutputTarget.TryOpen(file, [clientFile, serverFile], out OutputTarget? target))
        {
            return ExitCodes.BadUsage;
        }
        using (target)
        {
            OutputFormat format = CommonOptions.ChosenFormat(parse.GetValue(rows.Format), parse.GetValue(rows.Output));
            if (format != OutputFormat.Table)
            {
                if (result.Order.Reversed)
                {
                    Diagnostics.Warning($"the captures look given the wrong way round: {result.Order.ReversedEvidence}; give the client-side capture first");
                }
                WriteSection(target!, rows, parse, show, result);
                target!.Commit();
                return ExitCodes.Ok;
            }
            TextWriter writer = target!.Writer;
            target.WriteProse(Summary(result));
            foreach (string section in Sections)
            {
                writer.WriteLine();
                writer.WriteLine($"{Title(section)}: {Count(result, section)}");
                writer.Flush();
                if (Count(result, section) > 0)
                {
                    WriteSection(target, rows, parse, section, result, onlyColumnsOf: show);
                }
            }
            target.Commit();
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

    // One section as a table; --columns applies to the section --show names.
    private static void WriteSection(OutputTarget target, RowOptions rows, ParseResult parse, string section, MatchResult r, string? onlyColumnsOf = null)
    {
        bool columns = onlyColumnsOf is null || onlyColumnsOf == section;
        switch (section)
        {
            case "matched":
                Write(target, rows, parse, MatchTables.Matched, r.Matched, columns);
                break;
            case "missing":
                Write(target, rows, parse, MatchTables.Missing, r.Missing, columns);
                break;
            case "server-only":
                Write(target, rows, parse, MatchTables.Streams, r.ServerOnly.Select(u => new SidedStream("server", u)), columns);
                break;
            case "outside":
                Write(target, rows, parse, MatchTables.Streams,
                    r.MissingOutsideSpan.SelectMany(m => m.ClientStreams.Select(i => new SidedStream("client", new UnmatchedStream(r.Client.Streams[i], "SYN sent while the server capture was not running"))))
                        .Concat(r.ServerOnlyOutsideSpan.Select(u => new SidedStream("server", u))), columns);
                break;
            default:
                Write(target, rows, parse, MatchTables.Ambiguous, r.Ambiguous, columns);
                break;
        }
    }

    private static void Write<TRow>(OutputTarget target, RowOptions rows, ParseResult parse, Table<TRow> table, IEnumerable<TRow> items, bool useColumns)
    {
        if (!rows.TryRead(parse, table, out RowChoice<TRow> choice))
        {
            return; // checked before reading the captures
        }
        IReadOnlyList<Column<TRow>> columns = useColumns ? choice.Columns : choice.Format == OutputFormat.Table ? table.Default : table.Data;
        using ITableExporter exporter = Exporters.For(choice.Format, target, choice.Cells);
        table.Write(exporter, items, columns);
    }

}
