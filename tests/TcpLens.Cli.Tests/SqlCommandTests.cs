namespace TcpLens.Cli.Tests;

public class SqlCommandTests
{
    private static readonly string Lossy = Path.Combine(TestFiles.TestData, "lossy.pcap");

    [Fact]
    public void A_query_over_sessions_and_packets_prints_its_own_columns()
    {
        CliResult r = CliRunner.Run("sql", "--format", "csv", Lossy,
            "SELECT s.stream, s.lost_segments, count(p.frame) AS frames FROM sessions s JOIN packets p USING (stream) GROUP BY ALL");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("stream,lost_segments,frames", r.OutLines[0]);
        Assert.Equal("0,12,409", r.OutLines[1]);
    }

    [Fact]
    public void A_bad_query_gives_duckdbs_message_on_one_line_and_exit_2()
    {
        CliResult r = CliRunner.Run("sql", Lossy, "SELEC nothing");

        Assert.Equal(2, r.ExitCode);
        string error = Assert.Single(r.ErrLines);
        Assert.Contains("syntax error", error, StringComparison.Ordinal);
        Assert.True(r.HasNoStackTrace);
    }

    [Fact]
    public void The_database_file_is_never_an_input_and_bad_captures_are_exit_1()
    {
        string text = Path.Combine(TestFiles.TempDir(), "notes.txt");
        File.WriteAllText(text, "not a capture\n");

        CliResult overInput = CliRunner.Run("sql", "--db", Lossy, Lossy, "SELECT 1");
        CliResult notCapture = CliRunner.Run("sql", text, "SELECT 1");

        Assert.Equal(2, overInput.ExitCode);
        Assert.Equal(1, notCapture.ExitCode);
        Assert.Single(notCapture.ErrLines);
    }

    [Fact]
    public void Export_writes_parquet_per_table_and_capture()
    {
        string dir = Path.Combine(TestFiles.TempDir(), "out");
        CliResult r = CliRunner.Run("export", "--to", dir, "--tables", "sessions", Lossy);

        Assert.Equal(0, r.ExitCode);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(dir, "sessions", "capture=lossy.pcap"), "*.parquet"));
        Assert.False(Directory.Exists(Path.Combine(dir, "packets")));
    }

    [Fact]
    public void A_folder_of_rotated_files_is_one_timeline()
    {
        // lossy.pcap cut in two at a record boundary, as tcpdump -C names the parts
        string dir = TestFiles.TempDir();
        TcpLens.Capture.Tests.Support.PcapSplit.Split(Lossy, Path.Combine(dir, "cap.pcap0"), Path.Combine(dir, "cap.pcap1"));

        CliResult r = CliRunner.Run("sql", "--format", "csv", dir, "SELECT count(*) AS sessions, sum(packets_c2s + packets_s2c) AS frames, (SELECT count(*) FROM captures) AS files FROM sessions");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("1,409,2", r.OutLines[1]); // the connection spanning both files is one session
    }

    [Fact]
    public void A_glob_the_shell_left_alone_names_the_rotated_files()
    {
        string dir = TestFiles.TempDir();
        TcpLens.Capture.Tests.Support.PcapSplit.Split(Lossy, Path.Combine(dir, "cap.pcap"), Path.Combine(dir, "cap.pcap1"));
        File.Copy(Path.Combine(TestFiles.TestData, "rst-client.pcap"), Path.Combine(dir, "other.pcap"));

        CliResult r = CliRunner.Run("sql", "--format", "csv", Path.Combine(dir, "cap.pcap*"),
            "SELECT count(*) AS sessions, sum(packets_c2s + packets_s2c) AS frames, (SELECT count(*) FROM captures) AS files, (SELECT count(DISTINCT timeline) FROM captures) AS timelines FROM sessions");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("1,409,2,1", r.OutLines[1]); // other.pcap does not match; the two pieces are one timeline
        CliResult none = CliRunner.Run("sql", Path.Combine(dir, "nothing*.pcap"), "SELECT 1");
        Assert.Equal(1, none.ExitCode);
        Assert.Contains("nothing*.pcap", none.StdErr, StringComparison.Ordinal);
    }
}
