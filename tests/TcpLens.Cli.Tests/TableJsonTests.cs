using System.Text.Json;

namespace TcpLens.Cli.Tests;

/// <summary>
/// Every table's JSON, from the real program on real captures, checked line by line against the
/// JSON Schema the project ships for it (docs/schema): each key declared and present, each value
/// of its declared type. Booleans are true/false, numbers are numbers, absent values null.
/// </summary>
public class TableJsonTests
{
    private static string Data(string name) => Path.Combine(TestFiles.TestData, name);

    private static string Pair(string name, string side) => Path.Combine(TestFiles.TestData, "twopoint", $"{name}-{side}.pcap");

    public static TheoryData<string, string[]> Commands() => new()
    {
        { "info", ["info", Data("lossy.pcap"), Data("clean-http.pcap.gz"), Data("reorder.pcapng")] },
        { "packets", ["packets", Data("https-download.pcap")] },
        { "sessions", ["sessions", Data("concurrent-resets.pcap"), Data("ipv6-sll2.pcap")] },
        { "resets", ["resets", Data("concurrent-resets.pcap")] },
        { "quality", ["quality", Data("pair-client.pcap"), "--per-file"] },
        { "ladder", ["ladder", Data("https-download.pcap"), "--stream", "0"] },
        { "match-matched", ["match", Pair("napt", "client"), Pair("napt", "server")] },
        { "match-missing", ["match", Pair("firewall", "client"), Pair("firewall", "server"), "--show", "missing"] },
        { "match-unmatched", ["match", Pair("late", "client"), Pair("late", "server"), "--show", "outside"] },
        { "compare", ["compare", Pair("lossy", "client"), Pair("lossy", "server")] },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void Every_line_has_the_types_its_schema_declares(string table, string[] args)
    {
        using JsonDocument schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestFiles.RepoRoot, "docs", "schema", table + ".schema.json")));
        CliResult r = CliRunner.Run([.. args, "--format", "json"]);

        Assert.Equal(0, r.ExitCode);
        Assert.NotEmpty(r.OutLines);
        JsonElement properties = schema.RootElement.GetProperty("properties");
        var seenTypes = new HashSet<string>(StringComparer.Ordinal);
        foreach (string line in r.OutLines)
        {
            using JsonDocument row = JsonDocument.Parse(line);
            Assert.Equal(properties.EnumerateObject().Select(p => p.Name), row.RootElement.EnumerateObject().Select(p => p.Name));
            foreach (JsonProperty value in row.RootElement.EnumerateObject())
            {
                string[] allowed = [.. properties.GetProperty(value.Name).GetProperty("type").EnumerateArray().Select(t => t.GetString()!)];
                string actual = TypeOf(value.Value);
                Assert.True(allowed.Contains(actual) || (actual == "integer" && allowed.Contains("number")),
                    $"{table}.{value.Name}: {actual} ({value.Value.GetRawText()}) is not {string.Join("|", allowed)}");
                seenTypes.Add($"{value.Name}:{actual}");
                if (actual == "array" && properties.GetProperty(value.Name).TryGetProperty("items", out JsonElement items))
                {
                    string item = items.GetProperty("type").GetString()!;
                    Assert.All(value.Value.EnumerateArray(), e => Assert.Equal(item, TypeOf(e)));
                }
            }
        }
        // the text of booleans and numbers never leaks into JSON
        Assert.DoesNotContain(seenTypes, t => t.EndsWith(":string", StringComparison.Ordinal) && properties.GetProperty(t[..t.IndexOf(':')]).GetProperty("type").EnumerateArray().All(x => x.GetString() != "string"));
    }

    private static string TypeOf(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.String => "string",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        JsonValueKind.Number => e.GetRawText().Contains('.', StringComparison.Ordinal) ? "number" : "integer",
        _ => "?",
    };

    [Fact]
    public void Booleans_are_json_booleans()
    {
        CliResult sessions = CliRunner.Run("sessions", Data("lossy.pcap"), "--format", "json");
        CliResult info = CliRunner.Run("info", Data("lossy.pcap"), "--format", "json");
        CliResult missing = CliRunner.Run("match", Pair("firewall", "client"), Pair("firewall", "server"), "--show", "missing", "--format", "json");

        JsonElement s = JsonDocument.Parse(sessions.OutLines[0]).RootElement;
        Assert.Equal(JsonValueKind.True, s.GetProperty("sack_client").ValueKind);
        Assert.Equal(JsonValueKind.True, JsonDocument.Parse(info.OutLines[0]).RootElement.GetProperty("time_ordered").ValueKind);
        JsonElement m = JsonDocument.Parse(missing.OutLines[0]).RootElement;
        Assert.Equal(JsonValueKind.False, m.GetProperty("answered").ValueKind);
        Assert.Equal(JsonValueKind.Number, m.GetProperty("client_stream")[0].ValueKind);
    }

    [Fact]
    public void The_shipped_schema_documents_are_what_the_definitions_make()
    {
        foreach (string file in Directory.GetFiles(Path.Combine(TestFiles.RepoRoot, "docs", "schema"), "*.schema.json"))
        {
            string table = Path.GetFileName(file)[..^".schema.json".Length];
            CliResult r = CliRunner.Run("schema", table);
            Assert.Equal(0, r.ExitCode);
            Assert.True(File.ReadAllText(file) == r.StdOut, $"{file} is out of date: run scripts/make-schema-docs.sh");
        }
        CliResult md = CliRunner.Run("schema", "--format", "markdown");
        Assert.True(File.ReadAllText(Path.Combine(TestFiles.RepoRoot, "docs", "tables.md")) == md.StdOut, "docs/tables.md is out of date: run scripts/make-schema-docs.sh");
        Assert.Equal(12, Directory.GetFiles(Path.Combine(TestFiles.RepoRoot, "docs", "schema"), "*.schema.json").Length);
    }
}
