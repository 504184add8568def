namespace TcpLens.Cli.Infrastructure;

/// <summary>How a run shows its progress on stderr.</summary>
internal enum ProgressMode
{
    /// <summary>Nothing (stderr is a file or a pipe: scripts and logs never see a progress line).</summary>
    Off,
    /// <summary>One line redrawn in place a few times a second, erased at the end (stderr is a terminal).</summary>
    Terminal,
    /// <summary>
    /// A line every ten seconds and one when each phase ends, with exact byte counts
    /// (<c>TCPLENS_PROGRESS=log</c>: for a long job whose stderr goes to a log).
    /// </summary>
    Log,
}

internal static class ProgressModes
{
    /// <summary>
    /// The mode for the process: <c>TCPLENS_PROGRESS</c> = <c>off</c>, <c>terminal</c> or <c>log</c>
    /// when set (<c>TCPLENS_NO_PROGRESS</c> set also means off), else a terminal line when stderr is a terminal.
    /// </summary>
    public static ProgressMode FromEnvironment(bool errorIsTerminal)
    {
        if (Environment.GetEnvironmentVariable("TCPLENS_NO_PROGRESS") is not null)
        {
            return ProgressMode.Off;
        }
        return Environment.GetEnvironmentVariable("TCPLENS_PROGRESS")?.Trim().ToLowerInvariant() switch
        {
            "off" or "0" or "no" or "never" => ProgressMode.Off,
            "log" => ProgressMode.Log,
            "terminal" or "always" => ProgressMode.Terminal,
            _ => errorIsTerminal ? ProgressMode.Terminal : ProgressMode.Off,
        };
    }
}
