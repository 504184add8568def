using System.Diagnostics;

namespace TcpLens.Cli.Tests;

/// <summary>Result of one tcplens run.</summary>
public sealed record CliResult(int ExitCode, string StdOut, string StdErr)
{
    public string[] OutLines => StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public string[] ErrLines => StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>No .NET stack trace or unhandled-exception text reached the user.</summary>
    public bool HasNoStackTrace =>
        !StdErr.Contains("Unhandled exception", StringComparison.Ordinal)
        && !StdErr.Contains("   at ", StringComparison.Ordinal)
        && !StdOut.Contains("   at TcpLens", StringComparison.Ordinal);
}

/// <summary>Runs the real tcplens program (the built tcplens.dll) as a separate process, stdin closed, stderr redirected.</summary>
public static class CliRunner
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "tcplens.dll");

    public static CliResult Run(params string[] args) => RunDll(Dll, args);

    /// <summary>Runs another program built beside the tests (an example).</summary>
    public static CliResult RunProgram(string name, params string[] args) =>
        RunDll(Path.Combine(AppContext.BaseDirectory, name + ".dll"), args);

    private static CliResult RunDll(string dll, string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(dll);
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("tcplens " + string.Join(' ', args) + " did not finish in 120 s");
        }
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
