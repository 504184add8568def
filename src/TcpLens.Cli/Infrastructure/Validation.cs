using System.CommandLine;
using System.CommandLine.Parsing;

namespace TcpLens.Cli.Infrastructure;

/// <summary>
/// Reading option values inside validators: a value that did not parse ("--limit x") is
/// reported by the parser itself, so a validator must see it as absent instead of throwing.
/// </summary>
internal static class Validation
{
    public static T? Value<T>(CommandResult result, Option<T> option)
    {
        try
        {
            return result.GetValue(option);
        }
        catch (InvalidOperationException)
        {
            return default;
        }
    }

    public static T? Value<T>(OptionResult result)
    {
        try
        {
            return result.GetValueOrDefault<T>();
        }
        catch (InvalidOperationException)
        {
            return default;
        }
    }
}
