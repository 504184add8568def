namespace TcpLens.Capture.Tests.Support;

/// <summary>Where the project's own test data and the shared public captures are.</summary>
public static class TestPaths
{
    /// <summary>The repository root (the folder holding TcpLens.slnx).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The project's own captures.</summary>
    public static string TestData => Path.Combine(RepoRoot, "testdata");

    /// <summary>
    /// The shared public captures (../shared/captures beside the repository, or TCPLENS_SHARED_CAPTURES),
    /// or null when absent: tests that need them skip with a reason.
    /// </summary>
    public static string? SharedCaptures
    {
        get
        {
            string? env = Environment.GetEnvironmentVariable("TCPLENS_SHARED_CAPTURES");
            string dir = env ?? Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "captures"));
            return Directory.Exists(Path.Combine(dir, "reference")) ? dir : null;
        }
    }

    public const string NoSharedCaptures =
        "the public capture corpus ../shared/captures (with reference/) is not present beside the repository";

    /// <summary>Every capture file in the shared corpus (not the manifest, not references).</summary>
    public static IEnumerable<string> SharedCaptureFiles() =>
        SharedCaptures is { } dir
            ? Directory.EnumerateFiles(dir).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            : [];

    /// <summary>Every capture in testdata/ (pcap, pcapng, possibly compressed).</summary>
    public static IEnumerable<string> ProjectCaptureFiles() =>
        Directory.Exists(TestData)
            ? Directory.EnumerateFiles(TestData).Where(IsCaptureName).Order(StringComparer.Ordinal)
            : [];

    private static bool IsCaptureName(string f)
    {
        string n = Path.GetFileName(f);
        return n.Contains(".pcap", StringComparison.Ordinal);
    }

    private static string FindRepoRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null)
        {
            if (File.Exists(Path.Combine(dir, "TcpLens.slnx")))
            {
                return dir;
            }
            dir = Path.GetDirectoryName(dir);
        }
        throw new InvalidOperationException("cannot find the repository root (TcpLens.slnx) above " + AppContext.BaseDirectory);
    }
}
