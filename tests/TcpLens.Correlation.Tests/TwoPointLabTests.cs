using System.Text.Json;
using TcpLens.Capture.Tests.Support;
using TcpLens.Correlation.Comparison;
using TcpLens.Correlation.Matching;

namespace TcpLens.Correlation.Tests;

/// <summary>
/// The two-point lab captures (testdata/twopoint, scripts/make-twopoint-captures.sh) against the
/// ground truth the lab recorded while it ran (its applications' and router's own logs, never
/// the captures): every connection, its NAT mapping and sequence offsets, every SYN and data
/// packet the router dropped, duplicated or reordered, the clock shift and the late start.
/// </summary>
public class TwoPointLabTests
{
    private static readonly string Dir = Path.Combine(TestPaths.TestData, "twopoint");

    public static TheoryData<string> Scenarios() =>
        [.. Directory.EnumerateFiles(Dir, "*.truth.json").Select(f => Path.GetFileName(f)[..^".truth.json".Length]).Order(StringComparer.Ordinal)];

    private sealed record Run(JsonElement Truth, MatchResult Match, ComparisonResult Compare);

    private static Run Load(string scenario)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, scenario + ".truth.json")));
        string client = Path.Combine(Dir, scenario + "-client.pcap"), server = Path.Combine(Dir, scenario + "-server.pcap");
        MatchResult match = StreamMatcher.Match(client, server);
        return new Run(doc.RootElement.Clone(), match, PacketComparer.Compare(client, server, match));
    }

    private static List<JsonElement> Connections(Run r) => [.. r.Truth.GetProperty("connections").EnumerateArray()];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Every_connection_the_server_saw_is_matched_with_its_nat_mapping_and_sequence_offsets(string scenario)
    {
        Run r = Load(scenario);
        foreach (JsonElement c in Connections(r).Where(c => c.GetProperty("connected").GetBoolean() && c.GetProperty("server_capture").GetString() != "before-start"))
        {
            int port = c.GetProperty("client_port").GetInt32();
            MatchedStream m = Assert.Single(r.Match.Matched, x => x.ClientSide.ClientPort == port);
            Assert.Equal(c.GetProperty("server_saw_peer").GetString(), $"{m.ServerSide.Client}:{m.ServerSide.ClientPort}");
            Assert.Equal(c.GetProperty("seq_offset_c2s").GetUInt32(), m.SeqOffsetC2S);
            Assert.Equal(c.GetProperty("seq_offset_s2c").GetUInt32(), m.SeqOffsetS2C);
            MatchMethod expected = c.GetProperty("server_capture").GetString() == "open-at-start" ? MatchMethod.Midstream
                : c.GetProperty("seq_offset_c2s").GetUInt32() != 0 ? MatchMethod.SynFingerprint
                : m.Translated ? MatchMethod.IsnNat : MatchMethod.Isn;
            Assert.Equal(expected, m.Method);
        }
        Assert.Empty(r.Match.Ambiguous);
        Assert.Empty(r.Match.ServerOnly);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Connections_that_never_connected_are_the_missing_syns_and_early_ones_are_outside_the_span(string scenario)
    {
        Run r = Load(scenario);
        var never = Connections(r).Where(c => !c.GetProperty("connected").GetBoolean()).ToList();
        Assert.Equal(never.Count, r.Match.Missing.Count);
        foreach (JsonElement c in never)
        {
            MissingSyn m = Assert.Single(r.Match.Missing, x => x.SourcePort == c.GetProperty("client_port").GetInt32());
            Assert.Equal(c.GetProperty("client_isn").GetUInt32(), m.Isn);
            Assert.Equal(c.GetProperty("syn_transmissions").GetInt32(), m.SynCount);
        }
        int before = Connections(r).Count(c => c.GetProperty("server_capture").GetString() == "before-start");
        Assert.Equal(before, r.Match.MissingOutsideSpan.Count);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Loss_duplicates_and_reordering_between_the_points_are_the_routers_own(string scenario)
    {
        Run r = Load(scenario);
        foreach (JsonElement c in Connections(r).Where(c => c.GetProperty("server_capture").GetString() == "inside"))
        {
            int port = c.GetProperty("client_port").GetInt32();
            if (!c.GetProperty("connected").GetBoolean())
            {
                continue; // all of it lost: counted in the total below
            }
            StreamComparison s = Assert.Single(r.Compare.Streams, x => x.Match.ClientSide.ClientPort == port);
            string where = $"{scenario} id {c.GetProperty("id").GetInt32()}";
            Assert.True(c.GetProperty("dropped").GetProperty("c2s").GetInt64() == s.ClientToServer.Lost, where + " lost c2s");
            Assert.True(c.GetProperty("dropped").GetProperty("s2c").GetInt64() == s.ServerToClient.Lost, where + " lost s2c");
            Assert.True(c.GetProperty("duplicated").GetProperty("c2s").GetInt64() == s.ClientToServer.Duplicated, where + " dup c2s");
            Assert.True(c.GetProperty("duplicated").GetProperty("s2c").GetInt64() == s.ServerToClient.Duplicated, where + " dup s2c");
            Assert.True(c.GetProperty("overtaken").GetProperty("c2s").GetInt64() == s.ClientToServer.Reordered, where + " reordered c2s");
            Assert.True(c.GetProperty("overtaken").GetProperty("s2c").GetInt64() == s.ServerToClient.Reordered, where + " reordered s2c");
            Assert.Equal(1, s.ClientToServer.Hops);
            Assert.Equal(1, s.ServerToClient.Hops);
        }
        JsonElement totals = r.Truth.GetProperty("totals");
        Assert.Equal(totals.GetProperty("dropped").GetProperty("c2s").GetInt64(), r.Compare.TotalClientToServer.Lost);
        Assert.Equal(totals.GetProperty("dropped").GetProperty("s2c").GetInt64(), r.Compare.TotalServerToClient.Lost);
        Assert.Equal(0, r.Compare.TotalClientToServer.OnlyAtReceiver + r.Compare.TotalServerToClient.OnlyAtReceiver);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void The_clock_offset_is_the_shift_applied_within_its_uncertainty(string scenario)
    {
        Run r = Load(scenario);
        long shift = (long)Math.Round(r.Truth.GetProperty("clock_shift_s").GetDouble() * 1e9);
        long tolerance = r.Match.Clock.UncertaintyNs!.Value + 500_000;
        Assert.InRange(r.Match.Clock.OffsetNs, shift - tolerance, shift + tolerance);
    }

    [Fact]
    public void Mss_clamping_on_the_path_is_seen()
    {
        Run r = Load("nat");
        Assert.All(r.Compare.Streams, s =>
        {
            Assert.Equal(1460, s.MssAtClient);
            Assert.Equal(1360, s.MssAtServer);
        });
    }
}
