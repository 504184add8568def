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
            Description = "Output format: table (aligned columns), csv, or json (one object per line). Without it, an --output file named .csv or .json (.jsonl, .ndjson) gets that format and everything else a table.",
            HelpName = "table|csv|json",
        };
        option.AcceptOnlyFromAmong("table", "csv", "json");
        return option;
    }

    /// <summary>
    /// The format asked for, or when none was, the one the output file's extension names
    /// (<c>-o sessions.csv</c> is a CSV file, not a table in a file called .csv), else a table.
    /// </summary>
    public static OutputFormat ChosenFormat(string? value, FileInfo? output) => value switch
    {
        "csv" => OutputFormat.Csv,
        "json" => OutputFormat.Json,
        "table" => OutputFormat.Table,
        _ => Path.GetExtension(output?.Name ?? "").ToLowerInvariant() switch
        {
            ".csv" => OutputFormat.Csv,
            ".json" or ".jsonl" or ".ndjson" => OutputFormat.Json,
            _ => OutputFormat.Table,
        },
    };

    public static Option<FileInfo?> OutputFile() => new("--output", "-o")
    {
        Description = "Write the rows to this file instead of standard output (never over an input capture).",
        HelpName = "FILE",
    };

    /// <summary>The --time-format option: how instants are printed.</summary>
    public static Option<string> TimeFormat()
    {
        var option = new Option<string>("--time-format")
        {
            Description = "How times are printed: epoch (seconds since 1970 with nine decimals, as tshark's frame.time_epoch), iso (ISO 8601 in UTC), local (ISO 8601 in this machine's zone) or relative (seconds since the capture's first frame).",
            DefaultValueFactory = _ => "epoch",
            HelpName = "epoch|iso|local|relative",
        };
        option.AcceptOnlyFromAmong([.. Results.TimeFormatNames.All]);
        return option;
    }

    public static Argument<string> Capture(string description) => new("CAPTURE")
    {
        Description = description,
    };

    public static Argument<string[]> Captures(string description) => new("CAPTURE")
    {
        Description = description,
        Arity = ArgumentArity.OneOrMore,
    };

    /// <summary>True when the output file is one of the inputs, which must never be overwritten.</summary>
    public static bool IsInput(FileInfo? output, IEnumerable<string> inputs) =>
        output is not null && inputs.Any(i => string.Equals(Path.GetFullPath(i), output.FullName, StringComparison.Ordinal));
}
