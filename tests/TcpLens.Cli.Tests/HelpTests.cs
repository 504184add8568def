namespace TcpLens.Cli.Tests;

public class HelpTests
{
    [Fact]
    public void Root_help_lists_every_command()
    {
        CliResult r = CliRunner.Run("--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("info", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("packets", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("TCP session analysis", r.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Info_help_documents_arguments_and_options()
    {
        CliResult r = CliRunner.Run("info", "--help");
        Assert.Equal(0, r.ExitCode);
        foreach (string expected in new[] { "CAPTURE", "--format", "csv", "json", "--output" })
        {
            Assert.Contains(expected, r.StdOut, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Version_prints_a_version()
    {
        CliResult r = CliRunner.Run("--version");
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", r.StdOut.Trim());
    }

    [Fact]
    public void Progress_is_not_shown_when_stderr_is_not_a_terminal()
    {
        string path = Path.Combine(TestFiles.TempDir(), "h.pcap");
        File.WriteAllBytes(path, TestFiles.HandshakePcap());
        CliResult r = CliRunner.Run("info", path);
        Assert.Equal("", r.StdErr);
    }
}
