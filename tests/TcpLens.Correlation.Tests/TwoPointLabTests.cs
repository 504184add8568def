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
            MatchedStream m = Assert.Single(r.Match.Matched, x => x.ClientSide.Client.Port == port);
            Assert.Equal(c.GetProperty("server_saw_peer").GetString(), $"{m.ServerSide.Client.Address}:{m.ServerSide.Client.Port}");
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
            MissingSyn m = Assert.Single(r.Match.Missing, x => x.Source.Port == c.GetProperty("client_port").GetInt32());
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
            StreamComparison s = Assert.Single(r.Compare.Streams, x => x.Match.ClientSide.Client.Port == port);
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
    public void Every_frame_is_accounted_for_once_at_each_point_per_stream_and_direction(string scenario)
    {
        Run r = Load(scenario);
        foreach (StreamComparison s in r.Compare.Streams)
        {
            string where = $"{scenario} client stream {s.Match.ClientSide.Stream}";
            // the frames each capture shows of the connection, counted when the matcher read it
            Assert.True(s.Match.ClientSide.PacketsC2S == s.ClientToServer.Sent, where + " sent c2s");
            Assert.True(s.Match.ServerSide.PacketsC2S == s.ClientToServer.Received, where + " received c2s");
            Assert.True(s.Match.ServerSide.PacketsS2C == s.ServerToClient.Sent, where + " sent s2c");
            Assert.True(s.Match.ClientSide.PacketsS2C == s.ServerToClient.Received, where + " received s2c");
            AssertBalanced(s.ClientToServer, where + " c2s");
            AssertBalanced(s.ServerToClient, where + " s2c");
            Assert.True(s.ClientToServer.IpIdChanged + s.ServerToClient.IpIdChanged == 0, where + ": the router keeps IP IDs, so every pair is the same packet");
        }
        AssertBalanced(r.Compare.UnmatchedClientToServer, scenario + " unmatched c2s");
        AssertBalanced(r.Compare.UnmatchedServerToClient, scenario + " unmatched s2c");
        // the totals are the streams and the unmatched connections, and every TCP frame of both captures
        foreach ((DirectionComparison total, DirectionComparison unmatched, Func<StreamComparison, DirectionComparison> of) in new[]
        {
            (r.Compare.TotalClientToServer, r.Compare.UnmatchedClientToServer, (Func<StreamComparison, DirectionComparison>)(s => s.ClientToServer)),
            (r.Compare.TotalServerToClient, r.Compare.UnmatchedServerToClient, s => s.ServerToClient),
        })
        {
            foreach (Func<DirectionComparison, long> count in Counts)
            {
                Assert.Equal(r.Compare.Streams.Sum(s => count(of(s))) + count(unmatched), count(total));
            }
        }
        Assert.Equal(r.Match.Client.TcpFrames, r.Compare.TotalClientToServer.Sent + r.Compare.TotalServerToClient.Received);
        Assert.Equal(r.Match.Server.TcpFrames, r.Compare.TotalClientToServer.Received + r.Compare.TotalServerToClient.Sent);
    }

    private static readonly Func<DirectionComparison, long>[] Counts =
    [
        d => d.Sent, d => d.Received, d => d.Matched, d => d.Lost, d => d.Unobserved, d => d.ResegmentedSent,
        d => d.ResegmentedReceived, d => d.OutsideSpanSent, d => d.OutsideSpanReceived, d => d.Duplicated, d => d.Reordered,
        d => d.OnlyAtReceiver, d => d.Retransmissions, d => d.RetransmissionsOfDelivered, d => d.IpIdChanged,
    ];

    private static void AssertBalanced(DirectionComparison d, string where)
    {
        Assert.True(d.Sent == d.Matched + d.Lost + d.Unobserved + d.ResegmentedSent + d.OutsideSpanSent,
            $"{where}: sent {d.Sent} = matched {d.Matched} + lost {d.Lost} + unobserved {d.Unobserved} + resegmented {d.ResegmentedSent} + outside {d.OutsideSpanSent}");
        Assert.True(d.Received == d.Matched + d.Duplicated + d.OnlyAtReceiver + d.ResegmentedReceived + d.OutsideSpanReceived,
            $"{where}: received {d.Received} = matched {d.Matched} + duplicated {d.Duplicated} + only at receiver {d.OnlyAtReceiver} + resegmented {d.ResegmentedReceived} + outside {d.OutsideSpanReceived}");
    }

    [Theory]
    [InlineData("lossy")]
    [InlineData("lossy-napt")]
    public void With_loss_duplicates_and_reordering_together_the_totals_are_the_routers_counts(string scenario)
    {
        Run r = Load(scenario);
        JsonElement totals = r.Truth.GetProperty("totals");
        // the pairs were made to have many of each, in both directions (through NAPT and
        // sequence randomisation in lossy-napt)
        Assert.True(totals.GetProperty("dropped").GetProperty("c2s").GetInt64() >= 40);
        Assert.True(totals.GetProperty("duplicated").GetProperty("s2c").GetInt64() >= 20);
        foreach ((string dir, DirectionComparison d) in new[] { ("c2s", r.Compare.TotalClientToServer), ("s2c", r.Compare.TotalServerToClient) })
        {
            Assert.Equal(totals.GetProperty("dropped").GetProperty(dir).GetInt64(), d.Lost);
            Assert.Equal(totals.GetProperty("duplicated").GetProperty(dir).GetInt64(), d.Duplicated);
            Assert.Equal(totals.GetProperty("overtaken").GetProperty(dir).GetInt64(), d.Reordered);
            Assert.Equal(0, d.OnlyAtReceiver + d.Resegmented + d.Unobserved + d.OutsideSpanSent + d.OutsideSpanReceived);
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void The_order_of_the_captures_is_recognised_and_the_wrong_one_gets_a_warning_and_no_verdict(string scenario)
    {
        Run right = Load(scenario);
        string client = Path.Combine(Dir, scenario + "-client.pcap"), server = Path.Combine(Dir, scenario + "-server.pcap");
        MatchResult swapped = StreamMatcher.Match(server, client);
        ComparisonResult reversed = PacketComparer.Compare(server, client, swapped);

        Assert.Equal(CaptureOrderVerdict.AsGiven, right.Match.Order.Verdict);
        Assert.Equal(CaptureOrderVerdict.AsGiven, right.Compare.Order.Verdict);
        Assert.DoesNotContain(right.Compare.Verdict, l => l.StartsWith("Warning", StringComparison.Ordinal));
        Assert.Equal(CaptureOrderVerdict.Reversed, swapped.Order.Verdict);
        Assert.Equal(CaptureOrderVerdict.Reversed, reversed.Order.Verdict);
        Assert.StartsWith("Warning: the captures look given the wrong way round: ", reversed.Verdict[0], StringComparison.Ordinal);
        Assert.Contains($"tcplens compare {client} {server}", reversed.Verdict[0], StringComparison.Ordinal);
        Assert.StartsWith("Verdict: none: ", reversed.Verdict[^1], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void The_one_way_delays_say_which_clock_offset_they_assume(string scenario)
    {
        Run r = Load(scenario);
        string line = Assert.Single(r.Compare.Verdict, l => l.StartsWith("One-way delay between the points", StringComparison.Ordinal));
        string offset = r.Match.Clock.Seconds.ToString("+0.000000;-0.000000", System.Globalization.CultureInfo.InvariantCulture);
        string uncertainty = (r.Match.Clock.UncertaintyNs!.Value / 1e6).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"They assume a clock offset (server - client) of {offset} s ± {uncertainty} ms", line, StringComparison.Ordinal);
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
