namespace TcpLens.Cli.Infrastructure;

/// <summary>
/// Where a command reads and writes: standard input, output and error, and what they are
/// connected to. Commands never touch <see cref="Console"/> themselves, so the whole program can
/// run in-process with its streams redirected (tests), each call with its own (the current one
/// flows with the call, not with the thread).
/// </summary>
internal sealed class CliIo
{
    private static readonly AsyncLocal<CliIo?> CurrentIo = new();

    /// <summary>The process's own streams.</summary>
    public static CliIo Process { get; } = new(
        () => Console.OpenStandardInput(), Console.OpenStandardOutput(), Console.Error,
        outputIsTerminal: !Console.IsOutputRedirected, errorIsTerminal: !Console.IsErrorRedirected, inputIsTerminal: !Console.IsInputRedirected,
        progress: ProgressModes.FromEnvironment(!Console.IsErrorRedirected));

    /// <summary>The streams of the call in progress (the process's unless a caller set others).</summary>
    public static CliIo Current => CurrentIo.Value ?? Process;

    /// <summary>Runs <paramref name="action"/> with <paramref name="io"/> as <see cref="Current"/>.</summary>
    public static T With<T>(CliIo io, Func<T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        CliIo? before = CurrentIo.Value;
        CurrentIo.Value = io;
        try
        {
            return action();
        }
        finally
        {
            CurrentIo.Value = before;
        }
    }

    private readonly Func<Stream> _input;

    public CliIo(Func<Stream> input, Stream output, TextWriter error, bool outputIsTerminal = false, bool errorIsTerminal = false, int? width = null,
        ProgressMode progress = ProgressMode.Off, bool inputIsTerminal = false)
    {
        _input = input;
        InputIsTerminal = inputIsTerminal;
        Progress = progress;
        Output = output;
        Error = error;
        OutputIsTerminal = outputIsTerminal;
        ErrorIsTerminal = errorIsTerminal;
        Width = width;
    }

    /// <summary>Standard input, opened when first asked for.</summary>
    public Stream Input => _input();

    /// <summary>Standard output (rows, text).</summary>
    public Stream Output { get; }

    /// <summary>Standard error (errors, warnings, notes, progress).</summary>
    public TextWriter Error { get; }

    /// <summary>Standard input is a terminal: no capture can be read from it.</summary>
    public bool InputIsTerminal { get; }

    /// <summary>Standard output is a terminal: tables fit its width.</summary>
    public bool OutputIsTerminal { get; }

    /// <summary>Standard error is a terminal: progress is shown.</summary>
    public bool ErrorIsTerminal { get; }

    /// <summary>How progress is shown on <see cref="Error"/>.</summary>
    public ProgressMode Progress { get; }

    /// <summary>
    /// Taken while anything is written to <see cref="Error"/>: the progress line is drawn from a
    /// timer thread, and a warning must not land in the middle of it.
    /// </summary>
    public Lock ErrorGate { get; } = new();

    /// <summary>The progress line now shown, erased before a message is written to <see cref="Error"/>.</summary>
    internal ProgressReporter? ShownProgress { get; set; }

    /// <summary>Writes one line to <see cref="Error"/> above the progress line, if one is shown.</summary>
    public void ErrorLine(string line)
    {
        lock (ErrorGate)
        {
            ShownProgress?.EraseLocked();
            Error.WriteLine(line);
        }
    }

    /// <summary>The width tables fit: the terminal's, or $COLUMNS, or the given one; null for no limit.</summary>
    public int? Width { get; }

    /// <summary>The width a terminal table should fit, or null when the output is not a terminal and none was asked for.</summary>
    public int? TableWidth
    {
        get
        {
            if (Width is { } w)
            {
                return w;
            }
            if (Environment.GetEnvironmentVariable("COLUMNS") is { } columns && int.TryParse(columns, out int c) && c > 20)
            {
                return c;
            }
            if (!OutputIsTerminal || this != Process)
            {
                return null;
            }
            try
            {
                return Console.WindowWidth > 20 ? Console.WindowWidth : 120;
            }
            catch (IOException)
            {
                return 120;
            }
        }
    }
}
