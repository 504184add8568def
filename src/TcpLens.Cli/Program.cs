using System.CommandLine;
using TcpLens.Cli.Commands;
using TcpLens.Cli.Infrastructure;

namespace TcpLens.Cli;

/// <summary>Entry point: builds the command tree, maps usage errors to exit code 2.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        RootCommand root = BuildRoot();
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                Diagnostics.Error(UsageErrors.OneLine(error.Message, (error.SymbolResult as System.CommandLine.Parsing.OptionResult)?.Option.Name));
            }
            CliIo.Current.Error.WriteLine("Run 'tcplens --help' or 'tcplens <command> --help' for usage.");
            return ExitCodes.BadUsage;
        }
        try
        {
            return parse.Invoke();
        }
        catch (IOException e)
        {
            // Output could not be written (disk full, closed pipe): a user problem, not a crash.
            Diagnostics.Error(e.Message);
            return ExitCodes.BadInput;
        }
        catch (UnauthorizedAccessException e)
        {
            Diagnostics.Error(e.Message);
            return ExitCodes.BadInput;
        }
    }

    internal static RootCommand BuildRoot()
    {
        var root = new RootCommand("""
            tcplens: TCP session analysis of packet captures (pcap, pcapng; plain, gzip or zstd).
            Frame numbers and timestamps are Wireshark's, so results can be looked up in Wireshark.

            Exit codes: 0 success (damaged files are read up to the damage, with a warning),
            1 bad input (nothing useful could be read), 2 bad usage.
            Progress is shown on stderr when it is a terminal; TCPLENS_NO_PROGRESS=1 hides it.
            """)
        {
            InfoCommand.Create(),
            PacketsCommand.Create(),
            SessionsCommand.Create(),
            ResetsCommand.Create(),
            MatchCommand.Create(),
            CompareCommand.Create(),
            QualityCommand.Create(),
            LadderCommand.Create(),
            ExplainCommand.Create(),
            PlotCommand.Create(),
            ReportCommand.Create(),
            SqlCommand.Create(),
            ExportCommand.Create(),
            SchemaCommand.Create(),
        };
        return root;
    }
}
