namespace TcpLens.Cli.Infrastructure;

/// <summary>
/// The temporary files a run makes (outputs being written, copies of piped input, a database
/// being loaded): removed when the run ends, also when it is interrupted, so Ctrl-C leaves no
/// half-written file behind. A file leaves the registry when it is put in place.
/// </summary>
internal static class TempFiles
{
    private static readonly object Gate = new();
    private static readonly HashSet<string> Files = new(StringComparer.Ordinal);

    /// <summary>Registers a temporary file to remove if the run does not finish it.</summary>
    public static void Add(string path)
    {
        lock (Gate)
        {
            Files.Add(path);
        }
    }

    /// <summary>Runs <paramref name="finish"/> (a rename into place) so an interruption cannot race it, then forgets the file.</summary>
    public static void Finish(string path, Action finish)
    {
        ArgumentNullException.ThrowIfNull(finish);
        lock (Gate)
        {
            finish();
            Files.Remove(path);
        }
    }

    /// <summary>Removes a temporary file now (a failed output) and forgets it.</summary>
    public static void Remove(string path)
    {
        lock (Gate)
        {
            Delete(path);
            Files.Remove(path);
        }
    }

    /// <summary>Removes every registered file (at the end of the run, or on an interruption).</summary>
    public static void RemoveAll()
    {
        lock (Gate)
        {
            foreach (string f in Files)
            {
                Delete(f);
            }
            Files.Clear();
        }
    }

    private static void Delete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else
            {
                File.Delete(path);
            }
        }
        catch (IOException)
        {
            // best effort: a leftover temporary file is named after what it was for
        }
        catch (UnauthorizedAccessException)
        {
            // idem
        }
    }
}
