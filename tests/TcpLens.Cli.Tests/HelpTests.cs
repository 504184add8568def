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
        // the real process: it starts, prints its version and exits 0
        CliResult r = CliRunner.RunProcess("--version");
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", r.StdOut.Trim());
        string? version = typeof(Program).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .Cast<System.Reflection.AssemblyInformationalVersionAttribute>().Single().InformationalVersion;
        Assert.Equal(version + "\n", r.StdOut);
    }

    [Fact]
    public void Progress_is_not_shown_when_stderr_is_not_a_terminal()
    {
        string path = Path.Combine(TestFiles.TempDir(), "h.pcap");
        File.WriteAllBytes(path, TestFiles.HandshakePcap());
        // the real process, whose stderr is a pipe here, and without TCPLENS_NO_PROGRESS
        CliResult r = CliRunner.RunProcess("info", path);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.StdErr);
    }

    [Fact]
    public void A_number_option_given_a_word_is_a_usage_error_on_every_command()
    {
        // every option of every command that takes a number, given "x": the parser's own message, never a crash
        string capture = Path.Combine(TestFiles.TestData, "lossy.pcap");
        var tried = new List<string>();
        foreach (System.CommandLine.Command command in TcpLens.Cli.Program.BuildRoot().Subcommands)
        {
            foreach (System.CommandLine.Option option in command.Options)
            {
                Type type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
                if (type != typeof(int) && type != typeof(long) && type != typeof(double))
                {
                    continue;
                }
                CliResult r = CliRunner.Run(command.Name, capture, option.Name, "x");
                tried.Add($"{command.Name} {option.Name}");
                Assert.True(r.ExitCode == 2, $"{command.Name} {option.Name} x: exit {r.ExitCode}: {r.StdErr}");
                Assert.True(r.HasNoStackTrace, $"{command.Name} {option.Name} x: {r.StdErr}");
            }
        }
        Assert.Contains("sessions --limit", tried);
        Assert.Contains("packets --stream", tried);
    }
}
