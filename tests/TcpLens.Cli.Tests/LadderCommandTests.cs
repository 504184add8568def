namespace TcpLens.Cli.Tests;

public class LadderCommandTests
{
    private static readonly string Lossy = Path.Combine(TestFiles.TestData, "lossy.pcap");

    [Fact]
    public void Table_puts_the_client_on_the_left_with_arrows_and_wireshark_notes()
    {
        CliResult r = CliRunner.Run("ladder", "--stream", "0", Lossy);

        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("stream 0: client 10.77.1.2:53588 on the left, server 10.77.2.2:8080 on the right", r.OutLines[0], StringComparison.Ordinal);
        // a terminal table shows durations for people (csv and json keep the seconds)
        Assert.Matches(@"^\s+8\s+0\.000 ms\s+────────►\s+S\s", r.OutLines[2]);
        Assert.Matches(@"^\s+9\s+10\.6 ms\s+◄────────\s+AS\s", r.OutLines[3]);
        Assert.Contains(r.OutLines, l => l.EndsWith("[TCP Dup ACK 24#1]", StringComparison.Ordinal));
    }

    [Fact]
    public void Csv_has_the_packets_columns_then_direction_and_rel_time()
    {
        CliResult byStream = CliRunner.Run("ladder", "--stream", "0", "--format", "csv", Lossy);
        CliResult byConn = CliRunner.Run("ladder", "--conn", "10.77.2.2:8080-10.77.1.2:53588", "--format", "csv", Lossy);

        Assert.StartsWith("frame,time,stream,src,srcport,dst,dstport,flags,seq_raw,ack_raw,seq,ack,len,window,ip_id,analysis,dup_ack_num,ack_rtt,irtt,bytes_in_flight,direction,rel_time,notes,payload", byStream.OutLines[0], StringComparison.Ordinal);
        Assert.Contains(",s2c,0.010557000,", byStream.OutLines[2], StringComparison.Ordinal);
        Assert.Equal(byStream.StdOut, byConn.StdOut);
    }

    [Fact]
    public void Usage_errors_are_exit_2()
    {
        CliResult neither = CliRunner.Run("ladder", Lossy);
        CliResult both = CliRunner.Run("ladder", "--stream", "0", "--conn", "10.77.2.2:8080-10.77.1.2:53588", Lossy);
        CliResult absent = CliRunner.Run("ladder", "--stream", "42", Lossy);
        CliResult badConn = CliRunner.Run("ladder", "--conn", "10.77.2.2-10.77.1.2", Lossy);

        Assert.All([neither, both, absent, badConn], x =>
        {
            Assert.Equal(2, x.ExitCode);
            Assert.Single(x.ErrLines);
            Assert.True(x.HasNoStackTrace);
        });
    }
}

public class ExplainCommandTests
{
    [Fact]
    public void Explain_prints_the_sections_and_a_verdict()
    {
        CliResult r = CliRunner.Run("explain", "--stream", "0", Path.Combine(TestFiles.TestData, "lossy.pcap"));

        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("Stream 0: client 10.77.1.2:53588 to server 10.77.2.2:8080", r.OutLines[0], StringComparison.Ordinal);
        Assert.Contains("Handshake", r.OutLines);
        Assert.Contains("Close", r.OutLines);
        Assert.StartsWith("Verdict: packet loss", r.OutLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_takes_the_connection_by_its_endpoints_either_way_round()
    {
        string file = Path.Combine(TestFiles.TestData, "challenge-ack.pcap");
        CliResult byStream = CliRunner.Run("explain", "--stream", "0", file);
        CliResult byConn = CliRunner.Run("explain", "--conn", "10.77.2.2:8080-10.77.1.2:46000", file);

        Assert.Equal(0, byConn.ExitCode);
        // the ports were used by three streams: the first is explained, the others named on stderr
        Assert.Equal(byStream.OutLines, byConn.OutLines);
        Assert.Contains(byConn.ErrLines, l => l.Contains("streams 1, 2", StringComparison.Ordinal));
        CliResult none = CliRunner.Run("explain", "--conn", "10.0.0.1:1-10.0.0.2:2", file);
        Assert.Equal(2, none.ExitCode);
        Assert.Single(none.ErrLines);
    }

    [Fact]
    public void Unknown_stream_and_missing_option_are_usage_errors()
    {
        CliResult absent = CliRunner.Run("explain", "--stream", "7", Path.Combine(TestFiles.TestData, "lossy.pcap"));
        CliResult missing = CliRunner.Run("explain", Path.Combine(TestFiles.TestData, "lossy.pcap"));

        Assert.Equal(2, absent.ExitCode);
        Assert.Single(absent.ErrLines);
        Assert.Equal(2, missing.ExitCode);
        Assert.True(absent.HasNoStackTrace && missing.HasNoStackTrace);
    }
}
