namespace TcpLens.Cli.Tests;

public class QualityCommandTests
{
    private static readonly string Lossy = Path.Combine(TestFiles.TestData, "lossy.pcap");
    private static readonly string Gaps = Path.Combine(TestFiles.TestData, "capture-gaps.pcap");

    [Fact]
    public void Csv_has_a_row_per_server_and_a_last_all_row()
    {
        CliResult r = CliRunner.Run("quality", "--format", "csv", Lossy);

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("server,new_sessions,sessions_with_loss,loss_percent,sessions_with_retransmissions,retransmission_percent,lost_segment_frames,ack_lost_segment_frames,first_syn,last_syn,file", r.OutLines[0]);
        Assert.StartsWith("10.77.2.2:8080,", r.OutLines[1], StringComparison.Ordinal);
        Assert.StartsWith("all,", r.OutLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Server_filters_and_a_window_after_every_syn_leave_nothing_new()
    {
        CliResult cidr = CliRunner.Run("quality", "--format", "csv", "--server", "10.77.2.0/24", Lossy);
        CliResult other = CliRunner.Run("quality", "--format", "csv", "--server", "192.0.2.1:443", Lossy);
        CliResult late = CliRunner.Run("quality", "--format", "csv", "--from", "+1000s", Lossy);

        Assert.Equal(cidr.OutLines[^1], CliRunner.Run("quality", "--format", "csv", Lossy).OutLines[^1]);
        Assert.StartsWith("all,0,0,0.00,0,0.00,0,0,,,", other.OutLines[^1], StringComparison.Ordinal);
        Assert.StartsWith("all,0,0,", late.OutLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Per_file_names_each_file()
    {
        CliResult r = CliRunner.Run("quality", "--format", "csv", "--per-file", Lossy, Gaps);

        Assert.Equal(0, r.ExitCode);
        Assert.Contains(r.OutLines, l => l.StartsWith("all,", StringComparison.Ordinal) && l.EndsWith(Lossy, StringComparison.Ordinal));
        Assert.Contains(r.OutLines, l => l.StartsWith("all,", StringComparison.Ordinal) && l.EndsWith(Gaps, StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_input_and_usage()
    {
        string text = Path.Combine(TestFiles.TempDir(), "notes.txt");
        File.WriteAllText(text, "not a capture\n");

        CliResult bad = CliRunner.Run("quality", text);
        CliResult usage = CliRunner.Run("quality", "--server", "10.0.0.0/99", Lossy);
        CliResult time = CliRunner.Run("quality", "--from", "yesterday", Lossy);

        Assert.Equal(1, bad.ExitCode);
        Assert.Single(bad.ErrLines);
        Assert.Equal(2, usage.ExitCode);
        Assert.Equal(2, time.ExitCode);
        Assert.All([bad, usage, time], x => Assert.True(x.HasNoStackTrace));
    }

    [Fact]
    public void Rotated_pieces_are_read_in_the_order_written_even_when_names_sort_otherwise()
    {
        // tcpdump -C counts cap.pcap, cap.pcap1 … cap.pcap9, cap.pcap10: here the first half of
        // lossy.pcap is cap.pcap9 and the second cap.pcap10, which ordinal order would read first
        string dir = TestFiles.TempDir();
        TcpLens.Capture.Tests.Support.PcapSplit.Split(Lossy, Path.Combine(dir, "cap.pcap9"), Path.Combine(dir, "cap.pcap10"));

        CliResult pieces = CliRunner.Run("quality", "--format", "csv", dir);
        CliResult whole = CliRunner.Run("quality", "--format", "csv", Lossy);

        Assert.Equal(0, pieces.ExitCode);
        Assert.Equal(whole.OutLines, pieces.OutLines);
        CliResult perFile = CliRunner.Run("quality", "--format", "csv", "--per-file", dir);
        Assert.EndsWith("cap.pcap9", perFile.OutLines[^1], StringComparison.Ordinal); // the session's first SYN is in the first piece
    }

    [SkippableFact]
    public void A_capture_without_syns_says_why_every_figure_is_zero()
    {
        Skip.If(TestFiles.SharedCaptures is null, TestFiles.NoShared);
        // one connection, already open when tcpdump started (Zeek state OTH)
        CliResult r = CliRunner.Run("quality", "--format", "csv", Path.Combine(TestFiles.SharedCaptures!, "tcpdump_tcp_rst_diag_payload.pcap"));

        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("all,0,0,0.00,0,0.00,0,0,,,", r.OutLines[^1], StringComparison.Ordinal);
        Assert.Equal("tcplens: note: no connection in this capture starts with a SYN inside the window: quality counts new sessions only "
            + "(1 session seen; 1 without a SYN in the capture: already open when it began)", Assert.Single(r.ErrLines));
    }

    [Fact]
    public void A_capture_cut_after_the_handshake_says_why_and_one_with_syns_says_nothing()
    {
        string dir = TestFiles.TempDir();
        string head = Path.Combine(dir, "head.pcap"), tail = Path.Combine(dir, "tail.pcap");
        TcpLens.Capture.Tests.Support.PcapSplit.Split(Lossy, head, tail);

        CliResult cut = CliRunner.Run("quality", "--format", "csv", tail);
        CliResult whole = CliRunner.Run("quality", "--format", "csv", Lossy);
        CliResult late = CliRunner.Run("quality", "--format", "csv", "--from", "+1000s", Lossy);

        Assert.Equal(0, cut.ExitCode);
        Assert.Contains("quality counts new sessions only (1 session seen; 1 without a SYN in the capture", Assert.Single(cut.ErrLines), StringComparison.Ordinal);
        Assert.Equal("", whole.StdErr);
        Assert.EndsWith("(1 session seen; 1 with the first SYN outside the window)", Assert.Single(late.ErrLines), StringComparison.Ordinal);
    }
}
