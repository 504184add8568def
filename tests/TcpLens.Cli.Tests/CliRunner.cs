using System.Diagnostics;
using System.Text;
using TcpLens.Cli.Infrastructure;

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

/// <summary>
/// Runs tcplens command lines. <see cref="Run"/> calls the program's entry point inside the test
/// process, many runs at once, each with its own standard output, standard error and Console.Out,
/// and progress off (as it is when stderr is not a terminal); <see cref="RunProcess"/> starts the
/// built program as a process (stdin closed, stdout and stderr redirected), for what only a
/// process shows: the exit status the shell sees, the process's own standard streams, start-up.
/// <see cref="InProcessRunTests"/> checks that both give the same results.
/// </summary>
public static class CliRunner
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "tcplens.dll");

    // The run that the code on this thread (and the threads and tasks it started) belongs to.
    private static readonly AsyncLocal<RunWriters?> Current = new();

    private static readonly Lazy<bool> Installed = new(Install, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(10);

    /// <summary>Exit status of a .NET process that ends on an unhandled exception (SIGABRT).</summary>
    public const int UnhandledExceptionExit = 134;

    /// <summary>Runs one command line in this process, as <c>tcplens args...</c> would run.</summary>
    public static CliResult Run(params string[] args) => RunIn(ProgressMode.Off, null, args);

    /// <summary>Runs one command line in this process with standard output a terminal <paramref name="width"/> characters wide.</summary>
    internal static CliResult RunOnTerminal(int width, params string[] args) => RunIn(ProgressMode.Off, null, args, width);

    /// <summary>Runs one command line in this process with <paramref name="stdin"/> piped into it (read as a pipe: no seeking).</summary>
    public static CliResult RunWithInput(byte[] stdin, params string[] args) => RunIn(ProgressMode.Off, stdin, args);

    /// <summary>Runs one command line in this process with progress logged on stderr (<c>TCPLENS_PROGRESS=log</c>).</summary>
    internal static CliResult RunWithProgressLog(params string[] args) => RunIn(ProgressMode.Log, null, args);

    private static CliResult RunIn(ProgressMode progress, byte[]? stdin, string[] args, int? terminalWidth = null)
    {
        _ = Installed.Value;
        var run = new RunWriters();
        var stdout = new MemoryStream();
        // stdin closed, stdout and stderr not terminals: as RunProcess starts the program
        var io = new CliIo(() => stdin is null ? Stream.Null : new PipeStream(stdin), new KeptOpen(stdout), run.Err, progress: progress,
            outputIsTerminal: terminalWidth is not null, width: terminalWidth);
        RunWriters? outer = Current.Value;
        Current.Value = run;
        int exit;
        try
        {
            exit = CliIo.With(io, () => Program.Run(args));
        }
        catch (Exception e)
        {
            // What the runtime prints, and the exit status, when an exception leaves Main.
            run.Err.Write("Unhandled exception. " + e + "\n");
            exit = UnhandledExceptionExit;
        }
        finally
        {
            Current.Value = outer;
        }
        string rows = Encoding.UTF8.GetString(stdout.ToArray());
        return new CliResult(exit, run.Out + rows, run.Err.ToString());
    }

    /// <summary>Runs one command line as the real tcplens process (<c>dotnet exec tcplens.dll</c>).</summary>
    public static CliResult RunProcess(params string[] args) => RunDll(Dll, args);

    /// <summary>Runs one command line as the real tcplens process with <paramref name="stdin"/> written into its standard input (a pipe).</summary>
    public static CliResult RunProcessWithInput(byte[] stdin, params string[] args) => RunDll(Dll, args, stdin);

    /// <summary>Runs another program built beside the tests (an example) as a process.</summary>
    public static CliResult RunProgram(string name, params string[] args) =>
        RunDll(Path.Combine(AppContext.BaseDirectory, name + ".dll"), args);

    private static bool Install()
    {
        // Nothing in tcplens writes to Console itself (it goes through CliIo); should something
        // start to, it lands in its run's output rather than in the test log.
        Console.SetOut(new RoutingWriter(Console.Out, () => Current.Value?.Out));
        Console.SetError(new RoutingWriter(Console.Error, () => Current.Value?.Err));
        return true;
    }

    private static CliResult RunDll(string dll, string[] args, byte[]? stdin = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        // The process decides about progress itself, as it does for a user.
        start.Environment.Remove("TCPLENS_NO_PROGRESS");
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(dll);
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            try
            {
                process.StandardInput.BaseStream.Write(stdin);
            }
            catch (IOException)
            {
                // the program stopped reading (it refused the input): what it said is in stderr
            }
        }
        process.StandardInput.Close();
        // Only a guard against a hung run: every run here takes seconds even on a loaded machine.
        if (!process.WaitForExit(HangGuard))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"tcplens {string.Join(' ', args)} hung: still running after {HangGuard.TotalMinutes} minutes");
        }
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Console.Out and Console.Error of one in-process run.</summary>
    private sealed class RunWriters
    {
        public StringWriter Out { get; } = new();

        public StringWriter Err { get; } = new();
    }

    /// <summary>Sends what is written to the current run's writer, or, outside a run, to the process's.</summary>
    private sealed class RoutingWriter(TextWriter process, Func<TextWriter?> run) : TextWriter
    {
        private TextWriter Target => run() ?? process;

        public override Encoding Encoding => process.Encoding;

        public override void Write(char value) => Target.Write(value);

        public override void Write(string? value) => Target.Write(value);

        public override void Write(char[] buffer, int index, int count) => Target.Write(buffer, index, count);

        public override void Write(ReadOnlySpan<char> buffer) => Target.Write(buffer);

        public override void WriteLine() => Target.WriteLine();

        public override void WriteLine(string? value) => Target.WriteLine(value);

        public override void WriteLine(ReadOnlySpan<char> buffer) => Target.WriteLine(buffer);

        public override void Flush() => Target.Flush();
    }

    /// <summary>Bytes read as from a pipe: in pieces, no length, no seeking.</summary>
    private sealed class PipeStream(byte[] bytes) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        // at most 4096 bytes at a time, as a pipe hands them out
        public override int Read(Span<byte> buffer)
        {
            int n = Math.Min(Math.Min(buffer.Length, 4096), bytes.Length - _position);
            bytes.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A run's standard output: closing it, as a command does when done, keeps what was written.</summary>
    private sealed class KeptOpen(MemoryStream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

        public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);

        public override void Flush() { }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
