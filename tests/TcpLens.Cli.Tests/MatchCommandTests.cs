namespace TcpLens.Cli.Tests;

/// <summary>tcplens match and compare on the project's two-point pair (testdata/pair-*.pcap).</summary>
public class MatchCommandTests
{
    private static readonly string Client = Path.Combine(TestFiles.TestData, "pair-client.pcap");
    private static readonly string Server = Path.Combine(TestFiles.TestData, "pair-server.pcap");

    [Fact]
    public void Match_table_shows_every_section_with_the_clock_offset()
    {
        CliResult r = CliRunner.Run("match", Client, Server);

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("clock offset (server - client): ", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("Matched streams: 4", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("Client SYNs the server capture never saw (while it was running): 1", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("Streams only in the server capture: 0", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("Not comparable: outside the time span the other capture covers: 1", r.StdOut, StringComparison.Ordinal);
        Assert.Empty(r.StdErr);
    }

    [Fact]
    public void Match_csv_prints_the_section_named_by_show()
    {
        CliResult matched = CliRunner.Run("match", "--format", "csv", Client, Server);
        CliResult missing = CliRunner.Run("match", "--format", "csv", "--show", "missing", Client, Server);

        Assert.Equal(0, matched.ExitCode);
        Assert.StartsWith("client_stream,server_stream,isn,server_isn,client_tuple,server_tuple,syn_count_client,syn_count_server,method,", matched.OutLines[0], StringComparison.Ordinal);
        Assert.Equal(5, matched.OutLines.Length);
        Assert.All(matched.OutLines.Skip(1), l => Assert.Contains(",isn,syn seq,0,0,", l, StringComparison.Ordinal));
        Assert.Equal("client_stream,isn,syn_count,src,srcport,dst,dstport,first_time,last_time,answered", missing.OutLines[0]);
        string row = Assert.Single(missing.OutLines.Skip(1));
        Assert.Matches(@"^0,\d+,4,10\.77\.1\.2,\d+,10\.77\.2\.2,8081,\d+\.\d{9},\d+\.\d{9},false$", row);
    }

    [Fact]
    public void Match_with_a_server_filter_keeps_only_that_server()
    {
        CliResult r = CliRunner.Run("match", "--format", "csv", "--show", "missing", "--server", "10.77.2.2:8080", Client, Server);

        Assert.Equal(0, r.ExitCode);
        Assert.Single(r.OutLines); // header only: the blocked SYNs went to 8081
    }

    [Fact]
    public void Compare_csv_ends_with_the_unmatched_and_the_all_row()
    {
        CliResult r = CliRunner.Run("compare", "--format", "csv", Client, Server);

        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("client_stream,server_stream,sent_c2s,sent_s2c,lost_c2s,lost_s2c,duplicated_c2s,duplicated_s2c,reordered_c2s,reordered_s2c,delay_c2s_min,delay_c2s_median,delay_c2s_p99,delay_s2c_min,delay_s2c_median,delay_s2c_p99,clock_offset,", r.OutLines[0], StringComparison.Ordinal);
        Assert.Equal(7, r.OutLines.Length); // header, 4 matched streams, unmatched (the blocked SYNs), all
        Assert.StartsWith("unmatched,unmatched,", r.OutLines[^2], StringComparison.Ordinal);
        Assert.StartsWith("all,all,", r.OutLines[^1], StringComparison.Ordinal);
    }

    // Columns that count frames (not hops, MSS, offsets, delays or times).
    private static readonly string[] CountColumns =
    [
        "sent", "lost", "duplicated", "reordered", "retrans", "retrans_delivered", "only_at_receiver", "unobserved", "resegmented",
        "received", "matched", "resegmented_sent", "outside_span_sent", "outside_span_received",
    ];

    [Theory]
    [InlineData("pair-client.pcap", "pair-server.pcap")]
    [InlineData("twopoint/firewall-client.pcap", "twopoint/firewall-server.pcap")]
    [InlineData("twopoint/late-client.pcap", "twopoint/late-server.pcap")]
    [InlineData("twopoint/lossy-client.pcap", "twopoint/lossy-server.pcap")]
    public void Compare_all_row_is_the_sum_of_the_stream_rows_and_the_unmatched_row(string clientFile, string serverFile)
    {
        CliResult r = CliRunner.Run("compare", "--format", "csv", Path.Combine(TestFiles.TestData, clientFile), Path.Combine(TestFiles.TestData, serverFile));

        Assert.Equal(0, r.ExitCode);
        string[] header = r.OutLines[0].Split(',');
        string[][] rows = [.. r.OutLines.Skip(1).Select(l => l.Split(','))];
        string[] all = Assert.Single(rows, x => x[0] == "all");
        string[] columns = [.. CountColumns.SelectMany(c => new[] { c + "_c2s", c + "_s2c" }), "window_changed", "ip_id_changed", "dscp_changed"];
        foreach (string column in columns)
        {
            int i = Array.IndexOf(header, column);
            Assert.True(i >= 0, column);
            long sum = rows.Where(x => x[0] != "all").Sum(x => long.Parse(x[i], System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(sum == long.Parse(all[i], System.Globalization.CultureInfo.InvariantCulture), $"{column}: rows add up to {sum}, all says {all[i]}");
        }
        // every TCP frame of the client capture is in the all row once
        int sent = Array.IndexOf(header, "sent_c2s"), received = Array.IndexOf(header, "received_s2c");
        CliResult info = CliRunner.Run("info", "--format", "csv", Path.Combine(TestFiles.TestData, clientFile));
        string tcpFrames = info.OutLines[1].Split(',')[Array.IndexOf(info.OutLines[0].Split(','), "tcp_frames")];
        Assert.Equal(long.Parse(tcpFrames, System.Globalization.CultureInfo.InvariantCulture), long.Parse(all[sent], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(all[received], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Compare_table_says_what_the_one_way_delays_assume_about_the_clocks()
    {
        CliResult r = CliRunner.Run("compare", Client, Server);

        Assert.Equal(0, r.ExitCode);
        string line = Assert.Single(r.OutLines, l => l.StartsWith("One-way delay between the points:", StringComparison.Ordinal));
        Assert.Matches(@"They assume a clock offset \(server - client\) of [+-]\d+\.\d{6} s ± \d+\.\d{3} ms, estimated from \d+ packets seen at both points", line);
    }

    [Fact]
    public void Captures_given_the_wrong_way_round_get_a_warning_and_no_verdict()
    {
        string client = Path.Combine(TestFiles.TestData, "twopoint", "firewall-client.pcap");
        string server = Path.Combine(TestFiles.TestData, "twopoint", "firewall-server.pcap");
        CliResult right = CliRunner.Run("compare", client, server);
        CliResult table = CliRunner.Run("compare", server, client);
        CliResult csv = CliRunner.Run("compare", "--format", "csv", server, client);
        CliResult match = CliRunner.Run("match", server, client);

        Assert.DoesNotContain("wrong way round", right.StdOut, StringComparison.Ordinal);
        Assert.StartsWith("Verdict: the network between the capture points loses frames", right.OutLines[^1], StringComparison.Ordinal);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("Warning: the captures look given the wrong way round: ", table.StdOut, StringComparison.Ordinal);
        Assert.Contains($"The client-side capture comes first: tcplens compare {client} {server}.", table.StdOut, StringComparison.Ordinal);
        Assert.StartsWith("Verdict: none: ", table.OutLines[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("clean", table.StdOut, StringComparison.Ordinal);
        Assert.Equal(0, csv.ExitCode);
        Assert.StartsWith("tcplens: warning: the captures look given the wrong way round: ", Assert.Single(csv.ErrLines), StringComparison.Ordinal);
        Assert.Contains("warning: the captures look given the wrong way round: ", match.StdOut, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(":8443", 6, 2)]
    [InlineData(":8080", 8, 0)]
    public void Match_with_a_server_filter_restricts_the_matched_streams_too(string filter, int matched, int missing)
    {
        string client = Path.Combine(TestFiles.TestData, "twopoint", "firewall-client.pcap");
        string server = Path.Combine(TestFiles.TestData, "twopoint", "firewall-server.pcap");
        CliResult m = CliRunner.Run("match", "--format", "csv", "--server", filter, client, server);
        CliResult s = CliRunner.Run("match", "--format", "csv", "--show", "missing", "--server", filter, client, server);

        Assert.Equal(0, m.ExitCode);
        Assert.Equal(matched, m.OutLines.Length - 1);
        Assert.All(m.OutLines.Skip(1), l => Assert.Contains("->10.77.2.2" + filter + ",", l, StringComparison.Ordinal));
        Assert.Equal(missing, s.OutLines.Length - 1);
        Assert.All(s.OutLines.Skip(1), l => Assert.Equal(filter[1..], l.Split(',')[6])); // dstport
    }

    [Fact]
    public void Compare_table_ends_with_a_verdict()
    {
        CliResult r = CliRunner.Run("compare", "--stream", "4", Client, Server);

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Compared 1 connection seen at both points", r.StdOut, StringComparison.Ordinal);
        Assert.StartsWith("Verdict: ", r.OutLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Damaged_server_capture_warns_with_file_frame_and_offset_and_still_matches()
    {
        string cut = Path.Combine(TestFiles.TempDir(), "server-cut.pcap");
        byte[] bytes = File.ReadAllBytes(Server);
        File.WriteAllBytes(cut, bytes[..(bytes.Length * 2 / 3)]);
        CliResult r = CliRunner.Run("match", Client, cut);

        Assert.Equal(0, r.ExitCode);
        string warning = Assert.Single(r.ErrLines);
        Assert.Contains(cut, warning, StringComparison.Ordinal);
        Assert.Contains("frame ", warning, StringComparison.Ordinal);
        Assert.Contains("offset", warning, StringComparison.Ordinal);
        Assert.Contains("Matched streams: ", r.StdOut, StringComparison.Ordinal);
        Assert.True(r.HasNoStackTrace);
    }

    [Fact]
    public void Bad_inputs_are_exit_1_and_bad_usage_exit_2()
    {
        string text = Path.Combine(TestFiles.TempDir(), "notes.txt");
        File.WriteAllText(text, "not a capture\n");
        CliResult notCapture = CliRunner.Run("match", Client, text);
        CliResult absent = CliRunner.Run("compare", Path.Combine(TestFiles.TempDir(), "absent.pcap"), Server);
        CliResult noSuchStream = CliRunner.Run("compare", "--stream", "0", Client, Server);
        CliResult badServer = CliRunner.Run("match", "--server", "not-an-address", Client, Server);

        Assert.Equal(1, notCapture.ExitCode);
        Assert.Single(notCapture.ErrLines);
        Assert.Equal(1, absent.ExitCode);
        Assert.Single(absent.ErrLines);
        Assert.Equal(2, noSuchStream.ExitCode); // stream 0 is the blocked SYN: never matched
        Assert.Contains("has no match", noSuchStream.StdErr, StringComparison.Ordinal);
        Assert.Equal(2, badServer.ExitCode);
        Assert.All([notCapture, absent, noSuchStream, badServer], x => Assert.True(x.HasNoStackTrace));
    }
}
