using System.Text.RegularExpressions;

namespace TcpLens.Cli.Tests;

/// <summary>
/// A capture named '-' is read from standard input, as tcpdump and tshark do: what a command
/// prints is what it prints for the same file (with the file's name in place of '-' where the
/// output names its input); commands that read a capture twice read a copy they make first.
/// </summary>
public sealed partial class StandardInputTests
{
    private static readonly string Lossy = Path.Combine(TestFiles.TestData, "lossy.pcap");
    private static readonly string Client = Path.Combine(TestFiles.TestData, "pair-client.pcap");
    private static readonly string Server = Path.Combine(TestFiles.TestData, "pair-server.pcap");

    // the copy a two-pass command makes of standard input, named in its messages
    [GeneratedRegex(@"/[^\s,""]*tcplens-input-[0-9]+-[0-9a-f]+/0-stdin")]
    private static partial Regex CopyOfStdin();

    [GeneratedRegex(@"generated [0-9-]+ [0-9:]+ UTC")]
    private static partial Regex ReportTime();

    [GeneratedRegex(@" \([0-9.]+ kB\)")]
    private static partial Regex FileSize();

    public static TheoryData<string[]> Commands() => new()
    {
        new[] { "info", "@", "--format", "csv" },
        new[] { "info", "@", "--format", "json" },
        new[] { "packets", "@", "--format", "csv" },
        new[] { "sessions", "@", "--format", "csv", "--columns", "all" },
        new[] { "resets", "@", "--format", "csv" },
        new[] { "quality", "@", "--format", "csv" },
        new[] { "quality", "@", "--format", "csv", "--from", "+1s" },
        new[] { "ladder", "@", "--stream", "0", "--format", "csv" },
        new[] { "explain", "@", "--stream", "0" },
        new[] { "sql", "@", "select count(*), sum(len) from packets" },
        new[] { "sql", "@", "select * from sessions", "--no-packets", "--format", "csv" },
        new[] { "report", "@", "--charts", "0", "-o", "{out}/r.html" },
        new[] { "plot", "@", "--stream", "0", "--kind", "window", "-o", "{out}/w.png" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_piped_capture_gives_what_the_file_gives(string[] template)
    {
        string fromFile = TestFiles.TempDir(), fromPipe = TestFiles.TempDir();
        string[] Args(string input, string dir) => [.. template.Select(a => a == "@" ? input : a.Replace("{out}", dir, StringComparison.Ordinal))];

        CliResult file = CliRunner.Run(Args(Lossy, fromFile));
        CliResult pipe = CliRunner.RunWithInput(File.ReadAllBytes(Lossy), Args("-", fromPipe));

        Assert.True(file.ExitCode == 0, file.StdErr);
        Assert.True(pipe.ExitCode == 0, pipe.StdErr);
        Assert.Equal(AsPiped(file.StdOut, fromFile), AsPiped(pipe.StdOut, fromPipe));
        Assert.Equal(AsPiped(file.StdErr, fromFile), AsPiped(pipe.StdErr, fromPipe));
        foreach (string written in Directory.GetFiles(fromFile))
        {
            string same = Path.Combine(fromPipe, Path.GetFileName(written));
            if (written.EndsWith(".html", StringComparison.Ordinal))
            {
                // the page says when it was made, and a file's size (which standard input has not)
                string Page(string path, string folder) => ReportTime().Replace(AsPiped(File.ReadAllText(path), folder), "generated T");
                Assert.Equal(FileSize().Replace(Page(written, fromFile), ""), Page(same, fromPipe));
                continue;
            }
            Assert.Equal(File.ReadAllBytes(written), File.ReadAllBytes(same));
        }
    }

    [Fact]
    public void Two_captures_can_come_one_from_a_pipe_and_compare_copies_it()
    {
        CliResult file = CliRunner.Run("compare", Client, Server, "--format", "csv");
        CliResult pipe = CliRunner.RunWithInput(File.ReadAllBytes(Client), "compare", "-", Server, "--format", "csv");
        CliResult match = CliRunner.RunWithInput(File.ReadAllBytes(Server), "match", Client, "-", "--format", "csv");

        Assert.True(pipe.ExitCode == 0, pipe.StdErr);
        Assert.Equal(file.StdOut, pipe.StdOut);
        Assert.Equal(CliRunner.Run("match", Client, Server, "--format", "csv").StdOut, match.StdOut);
    }

    [Fact]
    public void A_gzip_capture_can_be_piped_too()
    {
        string gz = Path.Combine(TestFiles.TestData, "clean-http.pcap.gz");

        CliResult file = CliRunner.Run("sessions", gz, "--format", "csv");
        CliResult pipe = CliRunner.RunWithInput(File.ReadAllBytes(gz), "sessions", "-", "--format", "csv");

        Assert.Equal(0, pipe.ExitCode);
        Assert.Equal(file.StdOut.Replace(gz, "-", StringComparison.Ordinal), pipe.StdOut);
    }

    [Fact]
    public void Standard_input_given_twice_or_not_a_capture_is_one_line()
    {
        CliResult twice = CliRunner.RunWithInput(File.ReadAllBytes(Lossy), "sessions", "-", "-");
        CliResult text = CliRunner.RunWithInput("just some text, not a capture\n"u8.ToArray(), "sessions", "-");
        CliResult empty = CliRunner.RunWithInput([], "info", "-");

        Assert.Equal(1, twice.ExitCode);
        Assert.Contains("more than once", Assert.Single(twice.ErrLines), StringComparison.Ordinal);
        Assert.Equal(1, text.ExitCode);
        Assert.StartsWith("tcplens: error: -: ", Assert.Single(text.ErrLines), StringComparison.Ordinal);
        Assert.Equal(1, empty.ExitCode);
        Assert.StartsWith("tcplens: error: -: ", Assert.Single(empty.ErrLines), StringComparison.Ordinal);
    }

    [Fact]
    public void The_real_process_reads_its_standard_input()
    {
        CliResult file = CliRunner.RunProcess("sessions", Lossy, "--format", "csv");
        CliResult pipe = CliRunner.RunProcessWithInput(File.ReadAllBytes(Lossy), "sessions", "-", "--format", "csv");
        CliResult twice = CliRunner.RunProcessWithInput(File.ReadAllBytes(Lossy), "explain", "-", "--stream", "0");

        Assert.True(pipe.ExitCode == 0, pipe.StdErr);
        Assert.Equal(AsPiped(file.StdOut, "OUT"), pipe.StdOut);
        Assert.True(twice.ExitCode == 0, twice.StdErr);
        Assert.Equal(AsPiped(CliRunner.RunProcess("explain", Lossy, "--stream", "0").StdOut, "OUT"), AsPiped(twice.StdOut, "OUT"));
    }

    [Fact]
    public async Task Named_pipes_as_from_a_shells_process_substitution_are_read_and_copied_when_read_twice()
    {
        // compare <(cat client.pcap) <(cat server.pcap): two pipes, each written once
        string dir = TestFiles.TempDir();
        string a = Path.Combine(dir, "63"), b = Path.Combine(dir, "62");
        Assert.Equal(0, MkFifo(a));
        Assert.Equal(0, MkFifo(b));
        Task writers = Task.WhenAll(Feed(a, Client), Feed(b, Server));

        CliResult pipes = CliRunner.Run("compare", a, b, "--format", "csv");
        await writers.WaitAsync(TimeSpan.FromMinutes(10));

        Assert.True(pipes.ExitCode == 0, pipes.StdErr);
        Assert.Equal(CliRunner.Run("compare", Client, Server, "--format", "csv").StdOut, pipes.StdOut);
    }

    [Fact]
    public async Task Pipes_with_names_like_rotated_pieces_are_not_peeked_at_and_joined()
    {
        string dir = TestFiles.TempDir();
        string a = Path.Combine(dir, "63"), b = Path.Combine(dir, "62");
        Assert.Equal(0, MkFifo(a));
        Assert.Equal(0, MkFifo(b));
        Task writers = Task.WhenAll(Feed(a, Client), Feed(b, Server));

        CliResult r = CliRunner.Run("sessions", a, b, "--format", "csv", "--columns", "stream,client_port,server_port");
        await writers.WaitAsync(TimeSpan.FromMinutes(10));

        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Equal("", r.StdErr);
        string one = CliRunner.Run("sessions", Client, "--format", "csv", "--columns", "stream,client_port,server_port").StdOut;
        string two = CliRunner.Run("sessions", Server, "--format", "csv", "--columns", "stream,client_port,server_port").StdOut;
        Assert.Equal(one + string.Join('\n', two.Split('\n').Skip(1)), r.StdOut);
    }

    [Fact]
    public void A_pipe_inside_a_folder_is_skipped_with_a_note_not_waited_for()
    {
        string dir = TestFiles.TempDir();
        File.Copy(Lossy, Path.Combine(dir, "a.pcap"));
        Assert.Equal(0, MkFifo(Path.Combine(dir, "b.pcap")));

        CliResult r = CliRunner.Run("sessions", dir, "--format", "csv");

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("b.pcap: not a regular file (a named pipe), skipped", Assert.Single(r.ErrLines), StringComparison.Ordinal);
        Assert.Equal(CliRunner.Run("sessions", Path.Combine(dir, "a.pcap"), "--format", "csv").OutLines.Length, r.OutLines.Length);
    }

    private static Task Feed(string fifo, string capture) => Task.Run(() =>
    {
        using var writer = new FileStream(fifo, FileMode.Open, FileAccess.Write);
        writer.Write(File.ReadAllBytes(capture));
    });

    private static int MkFifo(string path)
    {
        using var process = System.Diagnostics.Process.Start("mkfifo", [path]);
        process.WaitForExit();
        return process.ExitCode;
    }

    // the output as it reads when the capture came from standard input: the file's name (or the
    // copy's) as '-', the run's own output folder as OUT
    private static string AsPiped(string text, string outputFolder) =>
        CopyOfStdin().Replace(text, "-").Replace(outputFolder, "OUT", StringComparison.Ordinal)
            .Replace(Lossy, "-", StringComparison.Ordinal).Replace(Path.GetFileName(Lossy), "-", StringComparison.Ordinal);
}
