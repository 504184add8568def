using System.CommandLine;

namespace TcpLens.Cli.Tests;

/// <summary>What a person types wrong, or asks for, at the command line: one line with the nearest valid name, exit 2.</summary>
public sealed class CommandLineTests
{
    private static readonly string Lossy = Path.Combine(TestFiles.TestData, "lossy.pcap");

    [Fact]
    public void Help_as_a_command_shows_the_same_help_as_the_option()
    {
        Assert.Equal(CliRunner.Run("--help").StdOut, CliRunner.Run("help").StdOut);
        Assert.Equal(CliRunner.Run("sessions", "--help").StdOut, CliRunner.Run("help", "sessions").StdOut);
        Assert.Contains("--min-syn-ack-delay", CliRunner.Run("help", "sessions").StdOut, StringComparison.Ordinal);
        Assert.Equal(0, CliRunner.Run("help", "sql").ExitCode);
        Assert.Equal(0, CliRunner.Run().ExitCode);
        Assert.Equal(CliRunner.Run("--help").StdOut, CliRunner.Run().StdOut);
    }

    [Theory]
    [InlineData("session", "sessions")]
    [InlineData("pakcets", "packets")]
    [InlineData("reprot", "report")]
    [InlineData("infos", "info")]
    public void A_misspelt_command_gets_one_line_naming_the_nearest(string typed, string meant)
    {
        CliResult r = CliRunner.Run(typed, Lossy);

        Assert.Equal(2, r.ExitCode);
        string line = Assert.Single(r.ErrLines);
        Assert.Contains($"'{typed}' is not a tcplens command (did you mean '{meant}'?)", line, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_command_lists_the_commands()
    {
        CliResult r = CliRunner.Run("frobnicate");

        Assert.Equal(2, r.ExitCode);
        string line = Assert.Single(r.ErrLines);
        Assert.DoesNotContain("did you mean", line, StringComparison.Ordinal);
        foreach (Command c in Program.BuildRoot().Subcommands)
        {
            Assert.Contains(c.Name, line, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("sessions", "--lmit", "--limit")]
    [InlineData("info", "--fromat", "--format")]
    [InlineData("quality", "--sever", "--server")]
    [InlineData("sql", "--no-packet", "--no-packets")]
    public void A_misspelt_option_is_not_taken_for_a_capture_file(string command, string typed, string meant)
    {
        string[] args = command == "sql" ? [command, Lossy, typed, "select 1"] : [command, Lossy, typed, "5"];

        CliResult r = CliRunner.Run(args);

        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"tcplens: error: '{typed}' is not an option of 'tcplens {command}' (did you mean '{meant}'?)", r.ErrLines[0]);
        Assert.Equal("", r.StdOut);
    }

    [Fact]
    public void A_query_that_starts_like_an_option_is_still_a_query()
    {
        CliResult r = CliRunner.Run("sql", Lossy, "-- the number of TCP frames\nselect count(*) as n from packets", "--format", "csv");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal(["n", "409"], r.OutLines);
    }

    [Theory]
    [InlineData("--min-syn-ack-delay", "300", "'300' has no unit; give one, as in 300ms")]
    [InlineData("--min-syn-ack-delay", "fast", "'fast' is not a duration such as 300ms")]
    [InlineData("--min-syn-ack-delay", "-1s", "'-1s' is negative")]
    [InlineData("--min-syn-ack-delay", "9999999999999999h", "longer than tcplens can count")]
    [InlineData("--from", "+30", "needs a duration with its unit: '30' has no unit")]
    [InlineData("--from", "99999999999999999999", "is out of range: epoch seconds run from")]
    [InlineData("--to", "yesterday", "'yesterday' is not a time: give epoch seconds, an ISO 8601 time")]
    public void Durations_need_a_unit_and_times_a_range(string option, string value, string expected)
    {
        CliResult r = CliRunner.Run("sessions", Lossy, option, value);

        Assert.Equal(2, r.ExitCode);
        Assert.True(r.HasNoStackTrace, r.StdErr);
        string line = Assert.Single(r.ErrLines);
        Assert.StartsWith($"tcplens: error: {option}: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("compare", "--window")]
    [InlineData("report", "--window")]
    public void Window_durations_need_a_unit_too(string command, string option)
    {
        string client = Path.Combine(TestFiles.TestData, "pair-client.pcap"), server = Path.Combine(TestFiles.TestData, "pair-server.pcap");
        string[] args = command == "compare"
            ? [command, client, server, option, "5"]
            : [command, client, "--match", server, "-o", Path.Combine(TestFiles.TempDir(), "r.html"), option, "5"];

        CliResult r = CliRunner.Run(args);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("'5' has no unit", Assert.Single(r.ErrLines), StringComparison.Ordinal);
    }

    [Fact]
    public void No_help_text_states_a_default_twice()
    {
        foreach (Command command in Program.BuildRoot().Subcommands)
        {
            foreach (Option option in command.Options)
            {
                bool parserShowsDefault = option.HasDefaultValue;
                string description = option.Description ?? "";
                Assert.False(parserShowsDefault && description.Contains("default", StringComparison.OrdinalIgnoreCase),
                    $"{command.Name} {option.Name}: the description names a default the help prints again: {description}");
            }
        }
    }
}

/// <summary>--server means the same in every command that takes it: an address, a port, an endpoint or a network.</summary>
public sealed class ServerOptionTests
{
    private static readonly string Lossy = Path.Combine(TestFiles.TestData, "lossy.pcap");
    private static readonly string Client = Path.Combine(TestFiles.TestData, "pair-client.pcap");
    private static readonly string Server = Path.Combine(TestFiles.TestData, "pair-server.pcap");

    public static TheoryData<string[]> Commands() => new()
    {
        new[] { "sessions", Lossy, "--format", "csv" },
        new[] { "resets", Path.Combine(TestFiles.TestData, "rst-client.pcap"), "--format", "csv" },
        new[] { "quality", Lossy, "--format", "csv" },
        new[] { "match", Client, Server, "--format", "csv" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_network_an_address_and_an_endpoint_of_the_same_server_select_the_same(string[] command)
    {
        string Run(string server) => CliRunner.Run([.. command, "--server", server]).StdOut;
        string everything = CliRunner.Run(command).StdOut;

        string byAddress = Run("10.77.2.2");

        Assert.Equal(everything, byAddress);
        Assert.Equal(byAddress, Run("10.77.2.0/24"));
        Assert.Equal(byAddress, Run("10.77.2.2:8080"));
        Assert.Equal(byAddress, Run("10.77.2.0/24:8080"));
        Assert.Equal(byAddress, Run(":8080"));
        Assert.NotEqual(byAddress, Run("10.99.0.0/16"));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_bad_server_is_one_line_with_the_same_words_everywhere(string[] command)
    {
        CliResult r = CliRunner.Run([.. command, "--server", "10.77.2.0/40"]);

        Assert.Equal(2, r.ExitCode);
        Assert.Equal("tcplens: error: --server: '10.77.2.0/40' is not ADDR, ADDR:PORT, [IPv6]:PORT, :PORT, NET/LEN or NET/LEN:PORT: '10.77.2.0/40' is not an address or a network", Assert.Single(r.ErrLines));
    }
}
