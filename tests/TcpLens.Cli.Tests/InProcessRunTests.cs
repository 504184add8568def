namespace TcpLens.Cli.Tests;

/// <summary>
/// Most CLI tests run tcplens inside the test process (<see cref="CliRunner.Run"/>); these run the
/// same command lines as the real process too and require the same exit code, standard output and
/// standard error, byte for byte: rows written from the analysis threads, warnings, notes, errors
/// and usage errors. Only the program's name in help text and its version differ: System.CommandLine
/// takes both from the process (here the test host).
/// </summary>
public class InProcessRunTests
{
    private static string Data(string name) => Path.Combine(TestFiles.TestData, name);

    public static TheoryData<string[]> CommandLines() => new(
        ["sessions", "--format", "csv", Data("lossy.pcap")],
        ["packets", "--format", "json", "--stream", "0", Data("lossy.pcap")],
        ["match", Data("pair-client.pcap"), Data("pair-server.pcap")],
        ["info", Path.Combine(TestFiles.RepoRoot, "README.md")],
        ["info", "/nonexistent/dir/none.pcap"],
        ["sessions", "--limit", "x", Data("lossy.pcap")],
        ["nosuchcommand"]);

    [Theory]
    [MemberData(nameof(CommandLines))]
    public void A_run_in_this_process_gives_what_the_process_gives(string[] args)
    {
        CliResult process = CliRunner.RunProcess(args);
        CliResult inProcess = CliRunner.Run(args);

        Assert.Equal(process.ExitCode, inProcess.ExitCode);
        Assert.Equal(process.StdOut, inProcess.StdOut);
        Assert.Equal(process.StdErr, inProcess.StdErr);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("info", "--help")]
    [InlineData("sessions", "--help")]
    public void Help_differs_only_in_the_program_name_which_comes_from_the_process(params string[] args)
    {
        CliResult process = CliRunner.RunProcess(args);
        CliResult inProcess = CliRunner.Run(args);

        Assert.Equal(0, process.ExitCode);
        Assert.Contains("Usage:\n  tcplens ", process.StdOut, StringComparison.Ordinal);
        string name = System.CommandLine.RootCommand.ExecutableName;
        Assert.Equal(process with { StdOut = process.StdOut.Replace("\n  tcplens ", $"\n  {name} ", StringComparison.Ordinal) }, inProcess);
    }

    [Fact]
    public void A_damaged_file_gives_the_same_warning_in_both()
    {
        string path = Path.Combine(TestFiles.TempDir(), "cut.pcap");
        File.WriteAllBytes(path, File.ReadAllBytes(Data("clean-http.pcap"))[..30_000]);

        CliResult process = CliRunner.RunProcess("info", "--format", "csv", path);
        CliResult inProcess = CliRunner.Run("info", "--format", "csv", path);

        Assert.Equal(0, process.ExitCode);
        Assert.Contains("truncated at frame 53", process.StdErr, StringComparison.Ordinal);
        Assert.Equal(process, inProcess);
    }

    [Fact]
    public void Runs_at_the_same_time_keep_their_output_apart()
    {
        string[][] lines =
        [
            ["sessions", "--format", "csv", Data("lossy.pcap")],
            ["sessions", "--format", "csv", Data("clean-http.pcap")],
            ["info", "/nonexistent/dir/none.pcap"],
            ["packets", "--format", "csv", Data("pair-client.pcap")],
        ];
        CliResult[] alone = [.. lines.Select(CliRunner.Run)];
        Parallel.For(0, lines.Length * 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            CliResult r = CliRunner.Run(lines[i % lines.Length]);
            Assert.Equal(alone[i % lines.Length], r);
        });
        Assert.All(alone, r => Assert.NotEqual("", r.StdOut + r.StdErr));
    }
}
