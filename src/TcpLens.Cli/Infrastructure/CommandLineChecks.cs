using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using TcpLens.Results;

namespace TcpLens.Cli.Infrastructure;

/// <summary>
/// What the parser lets through or words badly: <c>tcplens help [command]</c>, a misspelt
/// command, and a misspelt option that a command taking many captures would read as a file name
/// (<c>sessions x.pcap --lmit 5</c>). Each becomes one line naming the nearest valid name.
/// </summary>
internal static partial class CommandLineChecks
{
    /// <summary><c>help</c> and <c>help COMMAND</c> as <c>--help</c> and <c>COMMAND --help</c>; no arguments at all as <c>--help</c>.</summary>
    public static string[] WithHelpCommand(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0)
        {
            return ["--help"];
        }
        return args[0] == "help" ? [.. args[1..].Where(a => !a.StartsWith('-')).Take(1), "--help"] : args;
    }

    /// <summary>One line when the first argument should be a command and is not one; else null.</summary>
    public static string? UnknownCommand(RootCommand root, string[] args)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            return null;
        }
        string[] names = [.. root.Subcommands.Select(c => c.Name)];
        if (names.Contains(args[0], StringComparer.Ordinal))
        {
            return null;
        }
        string? near = Names.Nearest(args[0], names) ?? names.FirstOrDefault(n => n.StartsWith(args[0], StringComparison.OrdinalIgnoreCase) && args[0].Length >= 3);
        return $"'{args[0]}' is not a tcplens command{(near is null ? "" : $" (did you mean '{near}'?)")}; the commands are {string.Join(", ", names)}; 'tcplens help COMMAND' shows one";
    }

    /// <summary>
    /// One line when a command's file arguments hold something that looks like an option and is
    /// no file (a misspelt option the parser took for a capture); else null.
    /// </summary>
    public static string? OptionTakenForFile(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        CommandResult command = parse.CommandResult;
        foreach (ArgumentResult argument in command.Children.OfType<ArgumentResult>())
        {
            foreach (Token token in argument.Tokens)
            {
                string value = token.Value;
                Match option = OptionLike().Match(value);
                if (!option.Success || File.Exists(value) || Directory.Exists(value))
                {
                    continue;
                }
                value = option.Groups["name"].Value;
                string[] options = [.. command.Command.Options.SelectMany(o => o.Aliases.Append(o.Name)).Where(n => n.StartsWith('-')).Distinct(StringComparer.Ordinal)];
                string? near = Names.Nearest(value, options);
                return $"'{value}' is not an option of 'tcplens {command.Command.Name}'{(near is null ? "" : $" (did you mean '{near}'?)")}";
            }
        }
        return null;
    }

    // -x, --name or --name=value; not a query such as "-- a comment" or "-1"
    [GeneratedRegex(@"^(?<name>--?[A-Za-z][A-Za-z0-9-]*)(=.*)?$")]
    private static partial Regex OptionLike();
}
