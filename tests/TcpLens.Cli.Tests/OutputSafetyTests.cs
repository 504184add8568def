namespace TcpLens.Cli.Tests;

/// <summary>
/// The output file is written beside its destination and renamed at the end, so a failed or
/// refused run leaves what was there before; an input capture is never the output, by any name.
/// </summary>
public sealed class OutputSafetyTests
{
    private static readonly string Lossy = Path.Combine(TestFiles.TestData, "lossy.pcap");

    [Fact]
    public void A_hard_link_or_symbolic_link_to_the_input_is_refused_and_the_input_left_alone()
    {
        string dir = TestFiles.TempDir();
        string copy = Path.Combine(dir, "cap.pcap");
        File.Copy(Lossy, copy);
        string hard = Path.Combine(dir, "hard.csv");
        string soft = Path.Combine(dir, "soft.csv");
        File.CreateSymbolicLink(soft, copy);
        Assert.Equal(0, Link(copy, hard));

        CliResult viaHard = CliRunner.Run("sessions", copy, "-o", hard);
        CliResult viaSoft = CliRunner.Run("packets", copy, "-o", soft);

        Assert.Equal(2, viaHard.ExitCode);
        Assert.Equal(2, viaSoft.ExitCode);
        Assert.Contains("through a link", viaHard.StdErr, StringComparison.Ordinal);
        Assert.Contains("refusing to overwrite", viaSoft.StdErr, StringComparison.Ordinal);
        Assert.Single(viaHard.ErrLines);
        Assert.Equal(File.ReadAllBytes(Lossy), File.ReadAllBytes(copy));
    }

    [Fact]
    public void A_run_that_reads_nothing_leaves_the_existing_output_as_it_was_and_no_temporary_file()
    {
        string dir = TestFiles.TempDir();
        string notCapture = Path.Combine(dir, "notes.pcap");
        File.WriteAllText(notCapture, "this is not a capture file at all\n");
        string keep = Path.Combine(dir, "keep.csv");
        File.WriteAllText(keep, "what was here before\n");

        CliResult r = CliRunner.Run("sessions", notCapture, "-o", keep);

        Assert.Equal(1, r.ExitCode);
        Assert.True(r.HasNoStackTrace, r.StdErr);
        Assert.Equal("what was here before\n", File.ReadAllText(keep));
        Assert.Equal(["keep.csv", "notes.pcap"], Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_successful_run_replaces_the_output_whole_and_leaves_no_temporary_file()
    {
        string dir = TestFiles.TempDir();
        string output = Path.Combine(dir, "sessions.csv");
        File.WriteAllText(output, new string('x', 100_000));

        CliResult r = CliRunner.Run("sessions", Lossy, "-o", output);

        Assert.Equal(0, r.ExitCode);
        string written = File.ReadAllText(output);
        Assert.StartsWith("stream,", written, StringComparison.Ordinal);
        Assert.DoesNotContain("xxx", written, StringComparison.Ordinal);
        Assert.Equal(["sessions.csv"], Directory.GetFiles(dir).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Output_to_a_named_pipe_is_written_into_the_pipe_not_replaced()
    {
        string dir = TestFiles.TempDir();
        string fifo = Path.Combine(dir, "pipe");
        Assert.Equal(0, MkFifo(fifo, Convert.ToInt32("600", 8)));
        Task<string> reader = Task.Run(() => File.ReadAllText(fifo));

        string regular = Path.Combine(dir, "regular.csv");

        CliResult r = CliRunner.Run("sessions", Lossy, "-o", fifo, "--format", "csv");
        CliResult toFile = CliRunner.Run("sessions", Lossy, "-o", regular);

        Assert.Equal(0, r.ExitCode);
        Assert.Equal(0, toFile.ExitCode);
        string piped = await reader.WaitAsync(TimeSpan.FromMinutes(10));
        Assert.Equal(File.ReadAllText(regular), piped);
        Assert.Equal(TcpLens.Capture.Files.FileKind.Pipe, TcpLens.Capture.Files.FileIdentity.Of(fifo).Kind);
    }

    [Fact]
    public void Without_format_the_output_files_extension_chooses_it_and_an_explicit_format_wins()
    {
        string dir = TestFiles.TempDir();
        string Run(string name, params string[] more)
        {
            string path = Path.Combine(dir, name);
            CliResult r = CliRunner.Run(["sessions", Lossy, "-o", path, .. more]);
            Assert.Equal(0, r.ExitCode);
            return File.ReadAllText(path);
        }

        Assert.StartsWith("stream,client,", Run("a.csv"), StringComparison.Ordinal);
        Assert.StartsWith("{\"stream\":", Run("a.JSONL"), StringComparison.Ordinal);
        Assert.StartsWith("{\"stream\":", Run("a.json"), StringComparison.Ordinal);
        Assert.StartsWith("stream  ", Run("a.txt"), StringComparison.Ordinal);
        Assert.StartsWith("stream  ", Run("b.csv", "--format", "table"), StringComparison.Ordinal);
        Assert.StartsWith("{\"stream\":", Run("c.csv", "--format", "json"), StringComparison.Ordinal);
    }

    // link(2) and mkfifo(3) through the commands, which every Linux has
    private static int Link(string existing, string created) => Tool("ln", existing, created);

    private static int MkFifo(string path, int mode) => Tool("mkfifo", "-m", Convert.ToString(mode, 8), path);

    private static int Tool(string name, params string[] args)
    {
        using var process = System.Diagnostics.Process.Start(name, args);
        process.WaitForExit();
        return process.ExitCode;
    }
}
