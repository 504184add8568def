using TcpLens.Capture.Files;
using TcpLens.Capture.Progress;

namespace TcpLens.Cli.Infrastructure;

/// <summary>
/// Inputs that can be read only once: standard input (<c>-</c>) and pipes (a FIFO, a shell's
/// <c>&lt;(...)</c>). A command that reads its captures once reads them as they arrive; one that
/// reads them twice (explain, compare, sql...) gets a copy in a temporary folder, removed when
/// the run ends (also on Ctrl-C).
/// </summary>
internal sealed class OnceOnlyInputs : IDisposable
{
    private readonly string? _folder;

    private OnceOnlyInputs(string[] files, string? folder)
    {
        Files = files;
        _folder = folder;
    }

    /// <summary>The inputs to read: as given, or with once-only ones replaced by their copies.</summary>
    public string[] Files { get; }

    /// <summary>True for standard input and for pipes and character devices (read once, as they arrive).</summary>
    public static bool IsOnceOnly(string file) =>
        StandardInput.Is(file) || FileIdentity.Of(file).Kind is FileKind.Pipe or FileKind.Device;

    /// <summary>
    /// Checks the inputs (standard input given once and not a terminal) and, when
    /// <paramref name="readTwice"/>, copies the once-only ones to files; false after one line
    /// when that cannot be done.
    /// </summary>
    public static bool TryPrepare(IReadOnlyList<string> files, bool readTwice, ProgressReporter progress, out OnceOnlyInputs? inputs)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(progress);
        inputs = null;
        int fromStdin = files.Count(StandardInput.Is);
        if (fromStdin > 1)
        {
            Diagnostics.Error("'-' (standard input) is given more than once; it can be read only once");
            return false;
        }
        if (fromStdin == 1 && CliIo.Current.InputIsTerminal)
        {
            Diagnostics.Error("'-' reads a capture from standard input, which is a terminal here; pipe one in (tcpdump -w - | tcplens ...) or name a file");
            return false;
        }
        if (!readTwice || !files.Any(IsOnceOnly))
        {
            inputs = new OnceOnlyInputs([.. files], null);
            return true;
        }
        string folder = Path.Combine(Path.GetTempPath(), $"tcplens-input-{Environment.ProcessId}-{Guid.NewGuid():N}");
        TempFiles.Add(folder);
        var copies = new string[files.Count];
        try
        {
            Directory.CreateDirectory(folder);
            progress.Reading("copy the piped input", [StandardInput.Name]);
            for (int i = 0; i < files.Count; i++)
            {
                copies[i] = IsOnceOnly(files[i]) ? Copy(files[i], Path.Combine(folder, i + "-" + (StandardInput.Is(files[i]) ? "stdin" : Path.GetFileName(files[i])))) : files[i];
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TempFiles.Remove(folder);
            Diagnostics.Error($"cannot copy the piped input to {folder} (it is read twice): {e.Message}");
            return false;
        }
        inputs = new OnceOnlyInputs(copies, folder);
        return true;
    }

    private static string Copy(string file, string copy)
    {
        using Stream source = StandardInput.Is(file) ? CliIo.Current.Input : new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
        using var target = new FileStream(copy, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        byte[] buffer = new byte[1 << 20];
        int n;
        while ((n = source.Read(buffer)) > 0)
        {
            target.Write(buffer, 0, n);
            ReadProgress.Current?.Add(n);
        }
        return copy;
    }

    /// <summary>Removes the copies.</summary>
    public void Dispose()
    {
        if (_folder is not null)
        {
            TempFiles.Remove(_folder);
        }
    }
}
