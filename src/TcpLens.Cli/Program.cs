using System.CommandLine;
using TcpLens.Cli.Commands;
using TcpLens.Cli.Infrastructure;

namespace TcpLens.Cli;

/// <summary>Entry point: builds the command tree, maps usage errors to exit code 2.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        // Ctrl-C and SIGTERM: nothing half-written stays behind (outputs are written beside
        // their destination and renamed at the end), and the exit code says it was interrupted.
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            Interrupted();
        };
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, ctx =>
        {
            ctx.Cancel = true;
            Interrupted();
        });
        try
        {
            return Run(args);
        }
        finally
        {
            TempFiles.RemoveAll();
        }
    }

    private static void Interrupted()
    {
        TempFiles.RemoveAll();
        try
        {
            CliIo.Process.Error.WriteLine();
            CliIo.Process.Error.WriteLine("tcplens: interrupted");
        }
        catch (IOException)
        {
            // stderr is gone too
        }
        Environment.Exit(ExitCodes.Interrupted);
    }

    /// <summary>Parses and runs one command line with the current <see cref="CliIo"/>; the exit code.</summary>
    internal static int Run(string[] args)
    {
        // a capture named '-' is this run's standard input
        CliIo io = CliIo.Current;
        using IDisposable stdin = TcpLens.Capture.Files.StandardInput.Use(() => io.Input);
        args = CommandLineChecks.WithHelpCommand(args);
        RootCommand root = BuildRoot();
        if (CommandLineChecks.UnknownCommand(root, args) is { } unknown)
        {
            Diagnostics.Error(unknown);
            return ExitCodes.BadUsage;
        }
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count == 0 && CommandLineChecks.OptionTakenForFile(parse) is { } misspelt)
        {
            Diagnostics.Error(misspelt);
            CliIo.Current.Error.WriteLine($"Run 'tcplens help {parse.CommandResult.Command.Name}' for its options.");
            return ExitCodes.BadUsage;
        }
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
            // help and --version text go where the rows go, through the current CliIo
            using var text = new StreamWriter(CliIo.Current.Output, new System.Text.UTF8Encoding(false), 1 << 12, leaveOpen: true);
            return parse.Invoke(new InvocationConfiguration
            {
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
                Output = text,
                Error = CliIo.Current.Error,
            });
        }
        catch (IOException e)
        {
            // Output could not be written (disk full, closed pipe), or input vanished: a user problem, not a crash.
            Diagnostics.Error(e.Message);
            return ExitCodes.BadInput;
        }
        catch (UnauthorizedAccessException e)
        {
            Diagnostics.Error(e.Message);
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Bug(e, args);
        }
    }

    // Anything else is tcplens's fault: one line that says so, the details in a file for a report.
    private static int Bug(Exception e, string[] args)
    {
        string details = Path.Combine(Path.GetTempPath(), $"tcplens-bug-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}.txt");
        try
        {
            File.WriteAllText(details, $"tcplens {typeof(Program).Assembly.GetName().Version}\nargs: {string.Join(' ', args)}\n\n{e}\n");
        }
        catch (IOException)
        {
            details = "(could not be written)";
        }
        catch (UnauthorizedAccessException)
        {
            details = "(could not be written)";
        }
        Diagnostics.Error($"internal error, a bug in tcplens: {e.GetType().Name}: {e.Message.Split('\n')[0]}; details in {details}");
        return ExitCodes.Bug;
    }

    internal static RootCommand BuildRoot()
    {
        var root = new RootCommand("""
            tcplens: TCP session analysis of packet captures (pcap, pcapng; plain, gzip or zstd).
            Frame numbers and timestamps are Wireshark's, so results can be looked up in Wireshark.

            Exit codes: 0 success (damaged files are read up to the damage, with a warning),
            1 bad input (nothing useful could be read, or an output that cannot be written),
            2 bad usage, 3 a bug in tcplens (details in a file named on stderr), 130 interrupted.
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
