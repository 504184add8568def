namespace TcpLens.Cli.Infrastructure;

/// <summary>
/// Where rows written to standard output go: the process's stdout, or, while a command line runs
/// inside another program (the CLI tests run many at once in one process), a stream of that run's
/// own. The redirection follows the run into the threads and tasks it starts.
/// </summary>
internal static class StandardOutput
{
    private static readonly AsyncLocal<Stream?> Redirected = new();

    /// <summary>Opens standard output for one command's rows; the caller disposes it.</summary>
    public static Stream Open() => Redirected.Value ?? Console.OpenStandardOutput();

    /// <summary>
    /// Sends what <see cref="Open"/> gives to <paramref name="stream"/> (null: the process's stdout
    /// again) for the code that runs after it in this execution context.
    /// </summary>
    public static void RedirectTo(Stream? stream) => Redirected.Value = stream;
}
