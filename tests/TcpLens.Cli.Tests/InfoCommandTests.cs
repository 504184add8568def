using System.Text.Json;

namespace TcpLens.Cli.Tests;

public class InfoCommandTests
{
    private static string WriteCapture(byte[] bytes, string name = "handshake.pcap")
    {
        string path = Path.Combine(TestFiles.TempDir(), name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void Csv_row_has_the_contract_columns_and_exact_figures()
    {
        string capture = WriteCapture(TestFiles.HandshakePcap());
        CliResult r = CliRunner.Run("info", "--format", "csv", capture);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.StdErr);
        string[] lines = r.OutLines;
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("file,format,link_types,frames,tcp_frames,bytes,first,last,duration,decode_problems", lines[0], StringComparison.Ordinal);
        string[] cells = lines[1].Split(',');
        Assert.Equal(capture, cells[0]);
        Assert.Equal("pcap-le-usec", cells[1]);
        Assert.Equal("ether", cells[2]);
        Assert.Equal("4", cells[3]);
        Assert.Equal("3", cells[4]);
        Assert.Equal((54 * 3 + 42).ToString(System.Globalization.CultureInfo.InvariantCulture), cells[5]);
        Assert.Equal("1700000000.000001000", cells[6]);
        Assert.Equal("1700000000.003001000", cells[7]);
        Assert.Equal("0.003000000", cells[8]);
        Assert.Equal("", cells[9]);
    }

    [Fact]
    public void Json_lines_are_valid_objects_with_numbers_as_numbers()
    {
        string capture = WriteCapture(TestFiles.HandshakePcap());
        CliResult r = CliRunner.Run("info", "--format", "json", capture);
        Assert.Equal(0, r.ExitCode);
        using JsonDocument doc = JsonDocument.Parse(Assert.Single(r.OutLines));
        Assert.Equal(JsonValueKind.Number, doc.RootElement.GetProperty("frames").ValueKind);
        Assert.Equal(4, doc.RootElement.GetProperty("frames").GetInt64());
        Assert.Equal(1700000000.000001m, doc.RootElement.GetProperty("first").GetDecimal());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("read_error").ValueKind);
    }

    [Fact]
    public void Table_output_aligns_columns_under_a_header()
    {
        string capture = WriteCapture(TestFiles.HandshakePcap());
        CliResult r = CliRunner.Run("info", capture);
        Assert.Equal(0, r.ExitCode);
        string[] lines = r.OutLines;
        Assert.Equal(2, lines.Length);
        Assert.Equal(lines[0].IndexOf("frames", StringComparison.Ordinal) + "frames".Length,
            lines[1].IndexOf(" 4 ", StringComparison.Ordinal) + 2);
    }

    [Fact]
    public void Truncated_tail_warns_once_with_file_frame_and_offset_and_still_reports()
    {
        byte[] full = TestFiles.HandshakePcap();
        string capture = WriteCapture(full[..^10]);
        CliResult r = CliRunner.Run("info", "--format", "csv", capture);
        Assert.Equal(0, r.ExitCode);
        string warning = Assert.Single(r.ErrLines);
        Assert.Contains(capture, warning, StringComparison.Ordinal);
        Assert.Contains("frame 4", warning, StringComparison.Ordinal);
        // Frame 4's record header starts after the file header, 3 records of 16-byte headers, 54+54+42 bytes.
        Assert.Contains("byte offset " + (24 + 16 * 3 + 54 + 54 + 42), warning, StringComparison.Ordinal);
        Assert.Contains(",3,2,", r.OutLines[1], StringComparison.Ordinal);
        Assert.True(r.HasNoStackTrace);
    }

    [Fact]
    public void Non_capture_file_is_one_clear_error_and_exit_1()
    {
        string path = Path.Combine(TestFiles.TempDir(), "notes.txt");
        File.WriteAllText(path, "this is not a capture\n");
        // the real process: exit status 1 as the shell sees it
        CliResult r = CliRunner.RunProcess("info", path);
        Assert.Equal(1, r.ExitCode);
        string error = Assert.Single(r.ErrLines);
        Assert.Contains(path, error, StringComparison.Ordinal);
        Assert.Contains("not a pcap or pcapng capture", error, StringComparison.Ordinal);
        Assert.Equal("", r.StdOut);
        Assert.True(r.HasNoStackTrace);
    }

    [Fact]
    public void Missing_file_is_exit_1_without_stack_trace()
    {
        CliResult r = CliRunner.Run("info", "/nonexistent/dir/none.pcap");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("/nonexistent/dir/none.pcap", Assert.Single(r.ErrLines), StringComparison.Ordinal);
        Assert.True(r.HasNoStackTrace);
    }

    [Fact]
    public void One_bad_file_among_good_ones_still_reports_the_good_ones()
    {
        string good = WriteCapture(TestFiles.HandshakePcap());
        string bad = Path.Combine(TestFiles.TempDir(), "bad.pcap");
        File.WriteAllBytes(bad, [1, 2, 3, 4, 5, 6, 7, 8]);
        CliResult r = CliRunner.Run("info", "--format", "csv", good, bad);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(2, r.OutLines.Length);
        Assert.Contains(bad, Assert.Single(r.ErrLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("info")]
    [InlineData("info", "--format", "xml", "x.pcap")]
    [InlineData("nosuchcommand")]
    public void Bad_usage_exits_2(params string[] args)
    {
        // the real process: exit status 2 as the shell sees it
        CliResult r = CliRunner.RunProcess(args);
        Assert.Equal(2, r.ExitCode);
        Assert.NotEqual("", r.StdErr);
        Assert.True(r.HasNoStackTrace);
    }

    [Fact]
    public void Output_file_receives_the_rows_and_an_input_is_never_overwritten()
    {
        string capture = WriteCapture(TestFiles.HandshakePcap());
        string output = Path.Combine(Path.GetDirectoryName(capture)!, "out.csv");
        CliResult ok = CliRunner.Run("info", "--format", "csv", "-o", output, capture);
        Assert.Equal(0, ok.ExitCode);
        Assert.Equal("", ok.StdOut);
        Assert.Equal(2, File.ReadAllLines(output).Length);

        byte[] before = File.ReadAllBytes(capture);
        CliResult refused = CliRunner.Run("info", "-o", capture, capture);
        Assert.Equal(2, refused.ExitCode);
        Assert.Equal(before, File.ReadAllBytes(capture));
    }

    [SkippableFact]
    public void Every_shared_capture_runs_without_a_crash_and_frames_match_capinfos()
    {
        Skip.If(TestFiles.SharedCaptures is null, TestFiles.NoShared);
        string dir = TestFiles.SharedCaptures!;
        string[] files = Directory.GetFiles(dir).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        CliResult r = CliRunner.Run(["info", "--format", "csv", .. files]);
        Assert.Equal(0, r.ExitCode);
        Assert.True(r.HasNoStackTrace, r.StdErr);
        var rows = r.OutLines.Skip(1).Select(l => l.Split(',')).ToDictionary(c => c[0], c => c);
        foreach (string f in files)
        {
            string info = Path.Combine(dir, "reference", Path.GetFileName(f) + ".info.txt");
            string? packets = File.ReadLines(info).FirstOrDefault(l => l.StartsWith("Number of packets:", StringComparison.Ordinal));
            if (packets is null)
            {
                Assert.False(rows.ContainsKey(f), $"{f}: capinfos refuses it, tcplens printed a row");
                Assert.Contains(r.ErrLines, l => l.Contains(f, StringComparison.Ordinal));
                continue;
            }
            Assert.Equal(packets.Split(':')[1].Trim(), rows[f][3]);
        }
    }
}
