namespace TcpLens.Cli.Tests;

public class ReportCommandTests
{
    private static readonly string Lossy = Path.Combine(TestFiles.TestData, "lossy.pcap");
    private static readonly string PairClient = Path.Combine(TestFiles.TestData, "pair-client.pcap");
    private static readonly string PairServer = Path.Combine(TestFiles.TestData, "pair-server.pcap");

    [Fact]
    public void Writes_one_html_file_and_nothing_on_stdout()
    {
        string page = Path.Combine(TestFiles.TempDir(), "report.html");

        CliResult r = CliRunner.Run("report", Lossy, "-o", page, "--charts", "1");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.StdOut);
        Assert.Equal("", r.StdErr);
        string html = File.ReadAllText(page);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<table class=\"sortable\" id=\"worst-loss-table\">", html, StringComparison.Ordinal);
        Assert.Contains("tcp.stream eq 0", html, StringComparison.Ordinal);
        Assert.EndsWith("</html>\n", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Match_adds_the_two_point_section_and_a_folder_stands_for_its_files()
    {
        string dir = TestFiles.TempDir();
        string captures = Path.Combine(dir, "client");
        Directory.CreateDirectory(captures);
        File.Copy(PairClient, Path.Combine(captures, "pair-client.pcap"));
        string page = Path.Combine(dir, "pair.html");

        CliResult r = CliRunner.Run("report", captures, "--match", PairServer, "-o", page, "--top", "2", "--charts", "0");

        Assert.Equal(0, r.ExitCode);
        string html = File.ReadAllText(page);
        Assert.Contains("id=\"two-point\"", html, StringComparison.Ordinal);
        Assert.Contains("<table class=\"sortable\" id=\"two-point-streams\">", html, StringComparison.Ordinal);
        Assert.Contains("pair-client.pcap", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_usage_is_exit_code_2()
    {
        string page = Path.Combine(TestFiles.TempDir(), "r.html");

        CliResult noOutput = CliRunner.Run("report", Lossy);
        CliResult negative = CliRunner.Run("report", Lossy, "-o", page, "--top", "-1");
        CliResult charts = CliRunner.Run("report", Lossy, "-o", page, "--charts", "x");
        CliResult window = CliRunner.Run("report", Lossy, "-o", page, "--match", PairServer, "--window", "soon");

        Assert.All([noOutput, negative, charts, window], x =>
        {
            Assert.Equal(2, x.ExitCode);
            Assert.True(x.HasNoStackTrace);
        });
        Assert.False(File.Exists(page));
    }

    [Fact]
    public void Bad_input_is_exit_code_1_with_one_line()
    {
        string dir = TestFiles.TempDir();
        string text = Path.Combine(dir, "notes.txt");
        File.WriteAllText(text, "not a capture\n");
        string page = Path.Combine(dir, "r.html");

        CliResult bad = CliRunner.Run("report", text, "-o", page);
        CliResult missing = CliRunner.Run("report", Path.Combine(dir, "absent.pcap"), "-o", page);
        CliResult badServer = CliRunner.Run("report", Lossy, "--match", text, "-o", page);

        Assert.All([bad, missing, badServer], x =>
        {
            Assert.Equal(1, x.ExitCode);
            Assert.Single(x.ErrLines);
            Assert.True(x.HasNoStackTrace);
        });
        Assert.False(File.Exists(page));
    }

    [Fact]
    public void A_damaged_capture_warns_and_still_reports()
    {
        string dir = TestFiles.TempDir();
        string cut = Path.Combine(dir, "cut.pcap");
        byte[] bytes = File.ReadAllBytes(Lossy);
        File.WriteAllBytes(cut, bytes[..(bytes.Length * 2 / 3 + 5)]);
        string page = Path.Combine(dir, "r.html");

        CliResult r = CliRunner.Run("report", cut, "-o", page);

        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("tcplens: warning: ", Assert.Single(r.ErrLines), StringComparison.Ordinal);
        Assert.Contains("id=\"warnings\"", File.ReadAllText(page), StringComparison.Ordinal);
    }

    [Fact]
    public void The_output_is_never_an_input()
    {
        string dir = TestFiles.TempDir();
        string copy = Path.Combine(dir, "lossy.pcap");
        string server = Path.Combine(dir, "server.pcap");
        File.Copy(Lossy, copy);
        File.Copy(PairServer, server);

        CliResult same = CliRunner.Run("report", copy, "-o", copy);
        CliResult overServer = CliRunner.Run("report", copy, "--match", server, "-o", server);

        Assert.Equal(2, same.ExitCode);
        Assert.Equal(2, overServer.ExitCode);
        Assert.Contains("refusing to overwrite", same.StdErr, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(Lossy), File.ReadAllBytes(copy));
        Assert.Equal(File.ReadAllBytes(PairServer), File.ReadAllBytes(server));
    }

    [Fact]
    public void Help_describes_the_report()
    {
        CliResult r = CliRunner.Run("report", "--help");

        Assert.Equal(0, r.ExitCode);
        foreach (string expected in new[] { "CAPTURE", "--output", "--top", "--charts", "--match", "SERVER_CAPTURE", "self-contained HTML" })
        {
            Assert.Contains(expected, r.StdOut, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Rotated_pieces_are_one_timeline_in_the_order_written_and_separate_captures_are_named()
    {
        // the first half of lossy.pcap as cap.pcap9, the second as cap.pcap10 (tcpdump -C naming)
        string dir = TestFiles.TempDir();
        TcpLens.Capture.Tests.Support.PcapSplit.Split(Lossy, Path.Combine(dir, "cap.pcap9"), Path.Combine(dir, "cap.pcap10"));
        string page = Path.Combine(TestFiles.TempDir(), "report.html");

        CliResult r = CliRunner.Run("report", dir, "-o", page, "--charts", "0");

        Assert.Equal(0, r.ExitCode);
        // the one line on stderr says which files were joined, in the order read
        Assert.Equal($"tcplens: note: {Path.Combine(dir, "cap.pcap9")} and {Path.Combine(dir, "cap.pcap10")}: read as one rotated capture, in this order "
            + "(names differ only in digits; each file starts where the one before it ends); report on one file to see it alone", Assert.Single(r.ErrLines));
        // all 12 lost_segment frames of lossy.pcap in its one session, as when read whole
        Assert.Contains("lost segment</td><td class=\"num\" data-v=\"12\">12</td><td class=\"num\" data-v=\"1\">1</td>", File.ReadAllText(page), StringComparison.Ordinal);

        CliResult two = CliRunner.Run("report", Lossy, Path.Combine(TestFiles.TestData, "rst-client.pcap"), "-o", page, "--charts", "0");
        Assert.Equal(0, two.ExitCode);
        Assert.Contains("2 separate captures", two.StdErr, StringComparison.Ordinal);
    }
}
