namespace TcpLens.Cli.Infrastructure;

/// <summary>Process exit codes of the output contract.</summary>
internal static class ExitCodes
{
    /// <summary>Success (possibly with warnings about damaged input that was partly read).</summary>
    public const int Ok = 0;

    /// <summary>Bad input data: nothing useful could be read.</summary>
    public const int BadInput = 1;

    /// <summary>Bad usage: unknown option, missing argument, invalid value.</summary>
    public const int BadUsage = 2;

    /// <summary>A bug in tcplens: an unexpected exception (one line on stderr, the details in a file).</summary>
    public const int Bug = 3;

    /// <summary>Interrupted (Ctrl-C, SIGTERM): nothing half-written was left behind.</summary>
    public const int Interrupted = 130;
}
