using System.Globalization;

namespace TcpLens.Cli.Tests;

/// <summary>On a terminal, every default table and every sentence fits its width (here the 120 columns the issue names, and a narrow 80).</summary>
public sealed class TerminalWidthTests
{
    private static readonly string Lossy = Path.Combine(TestFiles.TestData, "lossy.pcap");
    private static readonly string Client = Path.Combine(TestFiles.TestData, "pair-client.pcap");
    private static readonly string Server = Path.Combine(TestFiles.TestData, "pair-server.pcap");
    private static readonly string Resets = Path.Combine(TestFiles.TestData, "rst-client.pcap");

    public static TheoryData<int, string[]> Commands()
    {
        var data = new TheoryData<int, string[]>();
        foreach (int width in new[] { 120, 80 })
        {
            data.Add(width, ["info", Lossy, Client]);
            data.Add(width, ["packets", Lossy]);
            data.Add(width, ["sessions", Lossy, Client]);
            data.Add(width, ["resets", Resets]);
            data.Add(width, ["quality", Lossy]);
            data.Add(width, ["ladder", Lossy, "--stream", "0"]);
            data.Add(width, ["match", Client, Server]);
            data.Add(width, ["compare", Client, Server]);
            data.Add(width, ["explain", Lossy, "--stream", "0"]);
            data.Add(width, ["sql", Lossy, "select * from sessions"]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void The_default_output_fits_the_terminal(int width, string[] args)
    {
        CliResult r = CliRunner.RunOnTerminal(width, args);

        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.NotEmpty(r.OutLines);
        foreach (string line in r.OutLines)
        {
            int length = new StringInfo(line).LengthInTextElements;
            Assert.True(length <= width, $"{length} characters: {line}");
        }
    }

    [Fact]
    public void The_sessions_table_shows_first_what_a_person_reads_first()
    {
        CliResult r = CliRunner.RunOnTerminal(120, "sessions", Lossy);

        Assert.Equal(
            ["stream", "client", "client_port", "server", "server_port", "state", "closed_by", "duration", "syn_ack", "bytes_c2s", "bytes_s2c", "retr", "lost"],
            r.OutLines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Columns_left_out_to_fit_are_named_and_files_keep_them_all()
    {
        CliResult narrow = CliRunner.RunOnTerminal(60, "sessions", Lossy);
        string file = Path.Combine(TestFiles.TempDir(), "s.txt");
        CliResult toFile = CliRunner.RunOnTerminal(60, "sessions", Lossy, "-o", file);

        string note = string.Join(' ', narrow.OutLines.SkipWhile(l => !l.StartsWith('(')));
        Assert.Matches(@"^\(7 more columns not shown to fit 60 characters: closed_by(, [a-z_0-9]+)* and \d+ more; --columns or --format csv shows them\)$", note);
        Assert.Contains("10.77.1.2", narrow.OutLines[1], StringComparison.Ordinal);
        Assert.Equal(0, toFile.ExitCode);
        Assert.EndsWith(" lost", File.ReadAllLines(file)[0], StringComparison.Ordinal);
    }
}
