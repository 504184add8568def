using System.Text.RegularExpressions;
using TcpLens.Results;

namespace TcpLens.Cli.Infrastructure;

/// <summary>
/// The parser's messages as one line each: a list of valid values on the same line, with the
/// nearest one suggested when the given value looks like a typo of it.
/// </summary>
internal static partial class UsageErrors
{
    public static string OneLine(string message, string? option = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        Match m = NotRecognized().Match(message);
        string flat = string.Join(" ", message.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (!m.Success)
        {
            return flat;
        }
        string given = m.Groups["given"].Value;
        string[] valid = [.. Quoted().Matches(message[m.Length..]).Select(q => q.Groups[1].Value)];
        string? near = Names.Nearest(given, valid);
        return $"{(option is null ? "" : option + ": ")}'{given}' is not one of {string.Join(", ", valid)}{(near is null ? "" : $" (did you mean '{near}'?)")}";
    }

    [GeneratedRegex(@"^Argument '(?<given>[^']*)' not recognized\. Must be one of:")]
    private static partial Regex NotRecognized();

    [GeneratedRegex(@"'([^']*)'")]
    private static partial Regex Quoted();
}
