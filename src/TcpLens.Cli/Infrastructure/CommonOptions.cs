using System.CommandLine;
using TcpLens.Cli.Output;

namespace TcpLens.Cli.Infrastructure;

/// <summary>Options shared by every command that prints rows.</summary>
internal static class CommonOptions
{
    public static Option<string> Format()
    {
        var option = new Option<string>("--format", "-f")
        {
            Description = "Output format: table (aligned columns), csv, or json (one object per line).",
            DefaultValueFactory = _ => "table",
            HelpName = "table|csv|json",
        };
        option.AcceptOnlyFromAmong("table", "csv", "json");
        return option;
    }

    /// <summary>The enum value of an accepted --format string.</summary>
    public static OutputFormat ParseFormat(string? value) => value switch
    {
        "csv" => OutputFormat.Csv,
        "json" => OutputFormat.Json,
        _ => OutputFormat.Table,
    };

    public static Option<FileInfo?> OutputFile() => new("--output", "-o")
    {
        Description = "Write the rows to this file instead of standard output (never over an input capture).",
        HelpName = "FILE",
    };

    public static Argument<string> Capture(string description) => new("CAPTURE")
    {
        Description = description,
    };

    public static Argument<string[]> Captures(string description) => new("CAPTURE")
    {
        Description = description,
        Arity = ArgumentArity.OneOrMore,
    };

    /// <summary>Opens the destination for rows; never an input file (checked by the caller).</summary>
    public static TextWriter OpenOutput(FileInfo? file)
    {
        if (file is null)
        {
            var stdout = new StreamWriter(StandardOutput.Open(), new System.Text.UTF8Encoding(false), 1 << 16)
            {
                AutoFlush = false,
            };
            return stdout;
        }
        return new StreamWriter(file.FullName, append: false, new System.Text.UTF8Encoding(false), 1 << 16);
    }

    /// <summary>True when the output file is one of the inputs, which must never be overwritten.</summary>
    public static bool IsInput(FileInfo? output, IEnumerable<string> inputs) =>
        output is not null && inputs.Any(i => string.Equals(Path.GetFullPath(i), output.FullName, StringComparison.Ordinal));
}
