using System.Globalization;
using System.IO.Compression;
using System.Text.Json;

namespace TcpLens.Cli.Tests;

public class PacketsCommandTests
{
    private const string Header =
        "frame,time,stream,src,srcport,dst,dstport,flags,seq_raw,ack_raw,seq,ack,len,window,ip_id,analysis,dup_ack_num,ack_rtt,irtt,bytes_in_flight";

    [Fact]
    public void Csv_has_the_contract_columns_and_every_cell_matches_tshark()
    {
        string capture = Path.Combine(TestFiles.TestData, "lossy.pcap");
        CliResult r = CliRunner.Run("packets", "--format", "csv", capture);

        Assert.Equal(0, r.ExitCode);
        Assert.Equal(Header, r.OutLines[0]);
        Dictionary<string, string>[] reference = ReadReference(Path.Combine(TestFiles.TestData, "reference", "lossy.pcap.tcp.tsv.gz"));
        Assert.Equal(reference.Length, r.OutLines.Length - 1);
        string[] names = Header.Split(',');
        for (int i = 0; i < reference.Length; i++)
        {
            string[] cells = r.OutLines[i + 1].Split(',');
            Dictionary<string, string> t = reference[i];
            string Cell(string name) => cells[Array.IndexOf(names, name)];
            Assert.Equal(t["frame.number"], Cell("frame"));
            Assert.Equal(t["frame.time_epoch"], Cell("time"));
            Assert.Equal(t["tcp.stream"], Cell("stream"));
            Assert.Equal(t["ip.src"], Cell("src"));
            Assert.Equal(t["tcp.dstport"], Cell("dstport"));
            Assert.Equal(t["tcp.seq_raw"], Cell("seq_raw"));
            Assert.Equal(t["tcp.seq"], Cell("seq"));
            Assert.Equal(t["tcp.ack"], Cell("ack"));
            Assert.Equal(t["tcp.len"], Cell("len"));
            Assert.Equal(t["tcp.window_size"], Cell("window"));
            Assert.Equal(Convert.ToInt32(t["ip.id"], 16).ToString(CultureInfo.InvariantCulture), Cell("ip_id"));
            Assert.Equal(Flags(t), Cell("analysis"));
            Assert.Equal(t["tcp.analysis.duplicate_ack_num"], Cell("dup_ack_num"));
            Assert.Equal(t["tcp.analysis.ack_rtt"], Cell("ack_rtt"));
            Assert.Equal(t["tcp.analysis.initial_rtt"], Cell("irtt"));
            Assert.Equal(t["tcp.analysis.bytes_in_flight"], Cell("bytes_in_flight"));
        }
    }

    [Fact]
    public void Stream_option_keeps_only_that_streams_frames()
    {
        string capture = Path.Combine(TestFiles.TestData, "port-reuse.pcap");
        CliResult all = CliRunner.Run("packets", "--format", "csv", capture);
        CliResult one = CliRunner.Run("packets", "--format", "csv", "--stream", "1", capture);

        Assert.Equal(0, one.ExitCode);
        string[] expected = all.OutLines.Skip(1).Where(l => l.Split(',')[2] == "1").ToArray();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, one.OutLines.Skip(1));
        Assert.Contains("reused_ports", one.OutLines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Json_lines_type_numbers_and_absent_values()
    {
        CliResult r = CliRunner.Run("packets", "--format", "json", Path.Combine(TestFiles.TestData, "lossy.pcap"));

        Assert.Equal(0, r.ExitCode);
        JsonElement row = r.OutLines.Select(l => JsonDocument.Parse(l).RootElement)
            .First(e => e.GetProperty("frame").GetInt64() == 35);
        Assert.Equal(8689, row.GetProperty("seq").GetInt64());
        Assert.Equal(["retransmission", "fast_retransmission"], row.GetProperty("analysis").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0.010605m, row.GetProperty("irtt").GetDecimal());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("ack_rtt").ValueKind);
        Assert.Equal(JsonValueKind.Null, row.GetProperty("dup_ack_num").ValueKind);
    }

    [Fact]
    public void Truncated_capture_warns_and_prints_the_frames_before_the_damage()
    {
        string capture = Path.Combine(TestFiles.TempDir(), "cut.pcap");
        File.WriteAllBytes(capture, TestFiles.HandshakePcap()[..^10]);
        CliResult r = CliRunner.Run("packets", "--format", "csv", capture);

        Assert.Equal(0, r.ExitCode);
        string warning = Assert.Single(r.ErrLines);
        Assert.Contains(capture, warning, StringComparison.Ordinal);
        Assert.Contains("frame 4", warning, StringComparison.Ordinal);
        Assert.Equal(3, r.OutLines.Length);
        Assert.StartsWith("2,1700000000.001001000,0,10.0.0.2,80,10.0.0.1,40000,AS,", r.OutLines[2], StringComparison.Ordinal);
        Assert.True(r.HasNoStackTrace);
    }

    [Fact]
    public void Non_capture_is_exit_1_and_bad_stream_is_exit_2()
    {
        string text = Path.Combine(TestFiles.TempDir(), "notes.txt");
        File.WriteAllText(text, "not a capture\n");
        CliResult bad = CliRunner.Run("packets", text);
        CliResult usage = CliRunner.Run("packets", "--stream", "-3", Path.Combine(TestFiles.TestData, "lossy.pcap"));

        Assert.Equal(1, bad.ExitCode);
        Assert.Contains(text, Assert.Single(bad.ErrLines), StringComparison.Ordinal);
        Assert.Equal(2, usage.ExitCode);
        Assert.True(bad.HasNoStackTrace && usage.HasNoStackTrace);
    }

    private static string Flags(Dictionary<string, string> row)
    {
        string[] order =
        [
            "retransmission", "fast_retransmission", "spurious_retransmission", "out_of_order", "lost_segment",
            "ack_lost_segment", "duplicate_ack", "zero_window", "zero_window_probe", "zero_window_probe_ack",
            "window_full", "window_update", "keep_alive", "keep_alive_ack", "reused_ports",
        ];
        return string.Join(';', order.Where(f => row["tcp.analysis." + f].Length > 0));
    }

    private static Dictionary<string, string>[] ReadReference(string path)
    {
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        string[] lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string[] names = lines[0].Split('\t');
        return lines.Skip(1).Select(l =>
        {
            string[] cells = l.Split('\t');
            return names.Select((n, i) => (n, v: i < cells.Length ? cells[i] : "")).ToDictionary(x => x.n, x => x.v);
        }).ToArray();
    }
}
