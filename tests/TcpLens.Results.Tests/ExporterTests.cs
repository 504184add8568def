using System.Text;
using System.Text.Json;
using TcpLens.Analysis;
using TcpLens.Capture;
using TcpLens.Results.Exporters;

namespace TcpLens.Results.Tests;

/// <summary>What each exporter makes of the same rows.</summary>
public class ExporterTests
{
    private sealed record Row(long? N, long? Ns, Timestamp? T, bool? B, string? S, AnalysisFlags F, string[] L);

    private static readonly Table<Row> Table = new("t", "test rows",
    [
        Columns<Row>.Integer("n", "a number", r => r.N),
        Columns<Row>.Seconds("ns", "a duration", r => r.Ns, label: "dur"),
        Columns<Row>.Time("t", "an instant", r => r.T),
        Columns<Row>.Boolean("b", "a flag", r => r.B),
        Columns<Row>.Text("s", "text", r => r.S),
        new(new ColumnInfo("f", ValueKind.Flags, "flags"), (in Row r) => Cell.Flags(r.F)),
        Columns<Row>.List("l", "a list", r => r.L),
    ], new Dictionary<string, string[]> { ["default"] = ["n", "ns", "s"], ["pair"] = ["b", "n"] });

    private static readonly Row[] Rows =
    [
        new(1, 1_500_000_000, new Timestamp(1795532401, 184235000), true, "plain", AnalysisFlags.Retransmission | AnalysisFlags.FastRetransmission, ["a", "b"]),
        new(null, null, null, null, null, AnalysisFlags.None, []),
        new(-7, 4_000, new Timestamp(0, 0), false, "comma, \"quote\"\nnewline", AnalysisFlags.None, ["x;y"]),
    ];

    private static string Export(Func<Stream, ITableExporter> make)
    {
        using var buffer = new MemoryStream();
        using (ITableExporter e = make(buffer))
        {
            Table.Write(e, Rows);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    [Fact]
    public void Csv_quotes_only_what_must_be_and_leaves_absent_values_empty()
    {
        string csv = Export(s => new CsvExporter(s));

        Assert.Equal(
            "n,ns,t,b,s,f,l\n" +
            "1,1.500000000,1795532401.184235000,true,plain,retransmission;fast_retransmission,a;b\n" +
            ",,,,,,\n" +
            "-7,0.000004000,0.000000000,false,\"comma, \"\"quote\"\"\nnewline\",,x;y\n", csv);
    }

    [Fact]
    public void Json_types_every_value_and_writes_numbers_exactly()
    {
        string[] lines = Export(s => new JsonLinesExporter(s)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("{\"n\":1,\"ns\":1.500000000,\"t\":1795532401.184235000,\"b\":true,\"s\":\"plain\",\"f\":[\"retransmission\",\"fast_retransmission\"],\"l\":[\"a\",\"b\"]}", lines[0]);
        Assert.Equal("{\"n\":null,\"ns\":null,\"t\":null,\"b\":null,\"s\":null,\"f\":[],\"l\":[]}", lines[1]);
        JsonElement third = JsonDocument.Parse(lines[2]).RootElement;
        Assert.Equal(-7, third.GetProperty("n").GetInt64());
        Assert.Equal(0.000004m, third.GetProperty("ns").GetDecimal());
        Assert.False(third.GetProperty("b").GetBoolean());
        Assert.Equal("comma, \"quote\"\nnewline", third.GetProperty("s").GetString());
    }

    [Fact]
    public void Json_iso_times_are_strings()
    {
        string json = Export(s => new JsonLinesExporter(s, new CellFormat(TimeFormat.Iso)));

        Assert.Contains("\"t\":\"2026-11-24T15:00:01.184235Z\"", json, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.String, JsonDocument.Parse(json.Split('\n')[0]).RootElement.GetProperty("t").ValueKind);
    }

    [Fact]
    public void A_terminal_table_aligns_labels_durations_and_fits_its_width()
    {
        var wide = new StringWriter();
        using (var e = new TerminalTableExporter(wide))
        {
            Table.Write(e, Rows, Table.Default);
        }
        string[] lines = wide.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("n   dur       s", lines[0]);
        Assert.Equal(" 1   1.500 s  plain", lines[1]);
        Assert.Equal("-7  0.004 ms  comma, \"quote\"\nnewline".Split('\n')[0], lines[3]);

        var narrow = new StringWriter();
        Row longRow = new(1, 1, null, null, new string('x', 200), AnalysisFlags.None, []);
        using (var e = new TerminalTableExporter(narrow, null, width: 40))
        {
            Table.Write(e, [longRow], Table.Default);
        }
        string[] fitted = narrow.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(fitted, l => Assert.True(l.Length <= 40, l));
        Assert.EndsWith("…", fitted[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_too_wide_closes_its_gaps_then_leaves_out_its_last_columns_and_names_them()
    {
        // every column at its natural width: "n  dur  t  b  s  f  l" with numbers that cannot be cut
        string Fit(int width)
        {
            var text = new StringWriter();
            using (var e = new TerminalTableExporter(text, null, width))
            {
                Table.Write(e, [Rows[0]]);
                e.Complete();
            }
            return text.ToString();
        }
        string all = Fit(0);
        int natural = all.Split('\n')[0].Length;

        string oneSpace = Fit(natural - 1);
        string fewer = Fit(40);

        string[] header = oneSpace.Split('\n')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["n", "dur", "t", "b", "s", "f", "l"], header);
        Assert.Equal(natural - 6, oneSpace.Split('\n')[0].Length); // 7 columns, 6 gaps of one space
        Assert.DoesNotContain("more column", oneSpace, StringComparison.Ordinal);
        string[] lines = fewer.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, l => Assert.True(l.Length <= 40, l));
        Assert.Equal(["n", "dur", "t", "b"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("1795532401.184235000", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("(", lines[2], StringComparison.Ordinal);
        Assert.Contains("more columns not shown to fit 40 characters", string.Join(' ', lines[2..]), StringComparison.Ordinal);
    }

    [Fact]
    public void Prose_wraps_at_words_and_keeps_list_items_hanging()
    {
        string text = "Handshake\n  - The server answered with a SYN/ACK in frame 9, 10.6 ms after the client's SYN.\nshort";

        string wrapped = ProseWrap.Wrap(text, 40);

        Assert.Equal(
            "Handshake\n" +
            "  - The server answered with a SYN/ACK\n" +
            "    in frame 9, 10.6 ms after the\n" +
            "    client's SYN.\n" +
            "short", wrapped);
        Assert.Equal(text, ProseWrap.Wrap(text, 0));
        Assert.Equal("a\nverylongwordthatdoesnotfit\nb", ProseWrap.Wrap("a verylongwordthatdoesnotfit b", 10));
    }

    [Fact]
    public void Columns_are_chosen_by_name_set_or_all_and_unknown_names_are_explained()
    {
        Assert.True(Table.TrySelect("pair,s,n", out IReadOnlyList<Column<Row>> cols, out _));
        Assert.Equal(["b", "n", "s"], cols.Select(c => c.Name));
        Assert.True(Table.TrySelect("all", out cols, out _));
        Assert.Equal(7, cols.Count);
        Assert.False(Table.TrySelect("n,durr", out _, out string? error));
        Assert.Contains("no column or column set 'durr'", error, StringComparison.Ordinal);
        Assert.False(Table.TrySelect("nn", out _, out error));
        Assert.Contains("did you mean 'n'?", error, StringComparison.Ordinal);
        Assert.Contains("columns: n, ns, t, b, s, f, l", error, StringComparison.Ordinal);
    }
}
