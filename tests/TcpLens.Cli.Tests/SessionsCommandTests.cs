using System.Globalization;
using System.Text.Json;

namespace TcpLens.Cli.Tests;

public class SessionsCommandTests
{
    private const string ContractColumns =
        "stream,client,client_port,server,server_port,start,end,duration,state,history,closed_by,syn_ack_delay,irtt,packets_c2s,packets_s2c,bytes_c2s,bytes_s2c,retransmissions,lost_segments,ack_lost_segments,dup_acks,out_of_order,zero_windows,rtt_min,rtt_avg,rtt_max,isn_client,isn_server,first_frame,last_frame";

    private static string Data(string name) => Path.Combine(TestFiles.TestData, name);

    private static List<Dictionary<string, string>> Csv(CliResult r)
    {
        string[] names = r.OutLines[0].Split(',');
        return r.OutLines.Skip(1).Select(l => names.Zip(l.Split(',')).ToDictionary(x => x.First, x => x.Second)).ToList();
    }

    [Fact]
    public void Csv_starts_with_the_contract_columns_and_has_one_row_per_stream()
    {
        CliResult r = CliRunner.Run("sessions", "--format", "csv", Data("clean-http.pcap"));

        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith(ContractColumns + ",", r.OutLines[0], StringComparison.Ordinal);
        List<Dictionary<string, string>> rows = Csv(r);
        Assert.Equal(["0", "1", "2"], rows.Select(x => x["stream"]));
        Assert.All(rows, x =>
        {
            Assert.Equal("10.77.1.2", x["client"]);
            Assert.Equal("8080", x["server_port"]);
            Assert.Equal("SF", x["state"]);
            Assert.Equal("server_fin", x["closed_by"]);
            Assert.Equal("120", x["bytes_c2s"]);
            Assert.Equal("20000", x["bytes_s2c"]);
            Assert.Equal("syn", x["client_by"]);
        });
    }

    [Fact]
    public void Filters_combine()
    {
        string capture = Data("pair-client.pcap");
        List<Dictionary<string, string>> s0 = Csv(CliRunner.Run("sessions", "--format", "csv", "--state", "S0", capture));
        List<Dictionary<string, string>> server = Csv(CliRunner.Run("sessions", "--format", "csv", "--server", "10.77.2.2:8081", capture));
        List<Dictionary<string, string>> lost = Csv(CliRunner.Run("sessions", "--format", "csv", "--with-flag", "lost_segment", "--port", "8080", capture));
        List<Dictionary<string, string>> none = Csv(CliRunner.Run("sessions", "--format", "csv", "--state", "S0", "--port", "8080", capture));

        Assert.Equal(2, s0.Count);
        Assert.Equal(s0.Select(x => x["stream"]), server.Select(x => x["stream"]));
        Assert.NotEmpty(lost);
        Assert.All(lost, x => Assert.NotEqual("0", x["lost_segments"]));
        Assert.Empty(none);
    }

    [Fact]
    public void Min_syn_ack_delay_and_first_find_the_slow_handshake()
    {
        CliResult r = CliRunner.Run("sessions", "--format", "csv", "--min-syn-ack-delay", "1.5s", "--first", Data("syn-retry.pcap"));
        CliResult none = CliRunner.Run("sessions", "--format", "csv", "--min-syn-ack-delay", "3s", Data("syn-retry.pcap"));

        Dictionary<string, string> row = Assert.Single(Csv(r));
        Assert.True(decimal.Parse(row["syn_ack_delay"], CultureInfo.InvariantCulture) >= 1.5m);
        Assert.Empty(Csv(none));
    }

    [Fact]
    public void Time_window_takes_offsets_from_the_capture_start()
    {
        // clean-http.pcap: connections start at about +1.29 s, +1.71 s and +2.12 s
        List<Dictionary<string, string>> rows = Csv(CliRunner.Run("sessions", "--format", "csv", "--from", "+1.5s", "--to", "+2s", Data("clean-http.pcap")));

        Assert.Equal(["1"], rows.Select(x => x["stream"]));
    }

    [Fact]
    public void Sort_and_limit_order_by_a_column()
    {
        List<Dictionary<string, string>> rows = Csv(CliRunner.Run("sessions", "--format", "csv", "--sort", "packets_c2s", "--desc", "--limit", "2", Data("pair-client.pcap")));

        Assert.Equal(2, rows.Count);
        Assert.True(int.Parse(rows[0]["packets_c2s"], CultureInfo.InvariantCulture) >= int.Parse(rows[1]["packets_c2s"], CultureInfo.InvariantCulture));
        Assert.Equal("40", rows[0]["packets_c2s"]);
    }

    [Fact]
    public void Flag_counts_match_the_frames_tshark_flags()
    {
        // testdata/MANIFEST.md: zero-window-probe.pcap has 56 zero windows, 25 probes and 25 probe ACKs; keepalive.pcap 4 and 4
        const string Columns = "zero_windows,zero_window_probes,zero_window_probe_acks,keep_alives,keep_alive_acks";
        CliResult r = CliRunner.Run("sessions", "--format", "csv", "--columns", Columns, Data("zero-window-probe.pcap"), Data("keepalive.pcap"));

        Assert.Equal([Columns, "56,25,25,0,0", "0,0,0,4,4"], r.OutLines);
    }

    [Fact]
    public void Columns_option_picks_and_orders_columns()
    {
        CliResult r = CliRunner.Run("sessions", "--format", "csv", "--columns", "state,stream,closed_by", Data("refused.pcap"));
        CliResult bad = CliRunner.Run("sessions", "--columns", "state,nope", Data("refused.pcap"));

        Assert.Equal(["state,stream,closed_by", "REJ,0,server_rst", "REJ,1,server_rst"], r.OutLines);
        Assert.Equal(2, bad.ExitCode);
    }

    [Fact]
    public void Json_rows_are_objects_with_typed_values()
    {
        CliResult r = CliRunner.Run("sessions", "--format", "json", "--closed-by", "client_rst", Data("rst-client.pcap"));

        JsonElement row = JsonDocument.Parse(Assert.Single(r.OutLines)).RootElement;
        Assert.Equal("RSTO", row.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Number, row.GetProperty("packets_c2s").ValueKind);
        Assert.Equal(JsonValueKind.Number, row.GetProperty("syn_ack_delay").ValueKind);
    }

    [Theory]
    [InlineData("--state", "XX")]
    [InlineData("--min-syn-ack-delay", "fast")]
    [InlineData("--net", "10.0.0.0/99")]
    [InlineData("--server", "not-an-address")]
    [InlineData("--with-flag", "lost")]
    [InlineData("--sort", "nope")]
    [InlineData("--from", "yesterday")]
    public void Bad_filter_values_are_usage_errors(string option, string value)
    {
        CliResult r = CliRunner.Run("sessions", option, value, Data("clean-http.pcap"));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains(option, r.StdErr, StringComparison.Ordinal);
        Assert.True(r.HasNoStackTrace);
    }

    [Fact]
    public void Damaged_capture_reports_the_sessions_read_and_warns()
    {
        string capture = Path.Combine(TestFiles.TempDir(), "cut.pcap");
        File.WriteAllBytes(capture, TestFiles.HandshakePcap()[..^10]);
        CliResult r = CliRunner.Run("sessions", "--format", "csv", capture);

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("frame 4", Assert.Single(r.ErrLines), StringComparison.Ordinal);
        Dictionary<string, string> row = Assert.Single(Csv(r));
        Assert.Equal("10.0.0.1", row["client"]);
        Assert.Equal("0.001000000", row["syn_ack_delay"]);
    }

    [Fact]
    public void Resets_lists_the_clients_resets_with_its_other_open_connections()
    {
        CliResult r = CliRunner.Run("resets", "--format", "csv", Data("concurrent-resets.pcap"));

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("stream,client,client_port,server,server_port,rst_frame,rst_time,by,state,closed_by,other_open,other_open_by_server", r.OutLines[0]);
        Assert.Equal(3, r.OutLines.Length);
        Assert.All(r.OutLines.Skip(1), l => Assert.EndsWith(",client,RSTO,client_rst,5,10.77.2.2:8080=3;10.77.2.3:8080=2", l, StringComparison.Ordinal));
        CliResult server = CliRunner.Run("resets", "--format", "csv", "--by", "server", Data("concurrent-resets.pcap"));
        Assert.Single(server.OutLines);
        Assert.Equal(2, CliRunner.Run("resets", "--by", "nobody", Data("concurrent-resets.pcap")).ExitCode);
    }

    [Fact]
    public void Rotated_pieces_are_one_timeline_and_other_files_are_analysed_on_their_own()
    {
        // lossy.pcap cut in two as tcpdump -C names the pieces (cap.pcap, cap.pcap1), given in the wrong order, beside another capture
        string dir = TestFiles.TempDir();
        string first = Path.Combine(dir, "cap.pcap"), second = Path.Combine(dir, "cap.pcap1");
        TcpLens.Capture.Tests.Support.PcapSplit.Split(Data("lossy.pcap"), first, second);

        CliResult r = CliRunner.Run("sessions", "--format", "csv", "--columns", "stream,file,packets_c2s,packets_s2c", second, Data("rst-client.pcap"), first);
        CliResult whole = CliRunner.Run("sessions", "--format", "csv", "--columns", "stream,packets_c2s,packets_s2c", Data("lossy.pcap"));
        CliResult other = CliRunner.Run("sessions", "--format", "csv", "--columns", "stream,packets_c2s,packets_s2c", Data("rst-client.pcap"));

        Assert.Equal(0, r.ExitCode);
        List<Dictionary<string, string>> rows = Csv(r);
        // the rotation comes first (its first piece was named first), numbered as lossy.pcap alone, then the other file from stream 0
        string[] expected = [.. Csv(whole).Concat(Csv(other)).Select(x => $"{x["stream"]} {x["packets_c2s"]} {x["packets_s2c"]}")];
        Assert.Equal(expected, rows.Select(x => $"{x["stream"]} {x["packets_c2s"]} {x["packets_s2c"]}"));
        Assert.Equal(first, rows[0]["file"]);
        Assert.Equal(Data("rst-client.pcap"), rows[^1]["file"]);

        // --timelines files: every piece on its own, so the connection is cut in two
        CliResult apart = CliRunner.Run("sessions", "--format", "csv", "--timelines", "files", "--columns", "stream,file", first, second);
        Assert.Equal(0, apart.ExitCode);
        Assert.Equal(Csv(whole).Count + 1, Csv(apart).Count);
    }

    [Fact]
    public void A_file_that_is_not_a_capture_among_others_is_named_and_the_rest_is_printed()
    {
        string dir = TestFiles.TempDir();
        string junk = Path.Combine(dir, "notes.pcap");
        File.WriteAllText(junk, "not a capture");

        CliResult r = CliRunner.Run("sessions", "--format", "csv", "--columns", "stream,file", Data("clean-http.pcap"), junk, Data("refused.pcap"));

        Assert.Equal(0, r.ExitCode);
        Assert.True(r.HasNoStackTrace);
        Assert.Contains(r.ErrLines, l => l.Contains("notes.pcap", StringComparison.Ordinal));
        Assert.Equal(3 + 2, Csv(r).Count);
    }
}
