using TcpLens.Capture.Tests.Support;
using TcpLens.Capture.Timelines;

namespace TcpLens.Capture.Tests.Timelines;

/// <summary>
/// Files named like pieces of one rotation are one timeline only when their times follow each
/// other; captures made at the same time, or far apart, are separate captures, and the plan says
/// which files it joined or kept apart, and why.
/// </summary>
public sealed class RotationPlanTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tcplens-rotation-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Data(string name) => Path.Combine(TestPaths.TestData, name);

    private string Copy(string testdata, string name)
    {
        string path = Path.Combine(_dir, name);
        File.Copy(Data(testdata), path);
        return path;
    }

    private string[] Pieces(string testdata, params string[] names)
    {
        string[] paths = [.. names.Select(n => Path.Combine(_dir, n))];
        PcapSplit.Pieces(Data(testdata), paths);
        return paths;
    }

    private static string[][] Files(TimelinePlan plan) => [.. plan.Timelines.Select(t => t.Files.ToArray())];

    [Fact]
    public void Pieces_that_follow_each_other_are_one_timeline_and_the_note_names_them()
    {
        string[] pieces = Pieces("https-download.pcap", "dl_00001.pcap", "dl_00002.pcap", "dl_00003.pcap");
        TimelinePlan plan = TimelinePlan.Make([pieces[2], pieces[0], pieces[1]]);

        Assert.Equal([pieces], Files(plan));
        RotationNote note = Assert.Single(plan.Notes);
        Assert.Equal(RotationVerdict.Joined, note.Verdict);
        Assert.Equal(pieces, note.Files);
        Assert.StartsWith($"{pieces[0]}, {pieces[1]} and {pieces[2]}: read as one rotated capture, in this order", note.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_file_and_files_named_apart_need_no_note()
    {
        string a = Copy("lossy.pcap", "client.pcap"), b = Copy("lossy.pcap", "server.pcap");
        TimelinePlan plan = TimelinePlan.Make([a, b]);
        Assert.Equal([[a], [b]], Files(plan));
        Assert.Empty(plan.Notes);
    }

    [Fact]
    public void Captures_made_at_the_same_time_are_separate_captures()
    {
        // the client and the server side of the same traffic overlap for their whole length
        string one = Copy("twopoint/loss-client.pcap", "cap1.pcap"), two = Copy("twopoint/loss-server.pcap", "cap2.pcap");
        TimelinePlan plan = TimelinePlan.Make([one, two]);

        Assert.Equal([[one], [two]], Files(plan));
        RotationNote note = Assert.Single(plan.Notes);
        Assert.Equal(RotationVerdict.Separated, note.Verdict);
        // loss-server.pcap starts 1795515196.464525, loss-client.pcap ends 1795515199.262205
        Assert.Equal($"{two} starts 2.798 s before {one} ends", note.Reason);
        Assert.Contains("read as 2 separate captures", note.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Captures_far_apart_are_separate_captures()
    {
        // two lab runs 55 minutes apart, written by the same tcpdump with the same options
        string one = Copy("lossy.pcap", "x1.pcap"), two = Copy("zero-window-probe.pcap", "x2.pcap");
        TimelinePlan plan = TimelinePlan.Make([two, one]);

        Assert.Equal([[two], [one]], Files(plan));
        Assert.Equal($"{two} starts 55 min 7 s after {one} ends", Assert.Single(plan.Notes).Reason);
    }

    [Theory]
    [InlineData(5_000, true)]
    [InlineData(9_000, true)]
    [InlineData(11_000, false)]
    [InlineData(100_000, false)]
    public void A_seam_may_run_back_by_timestamp_jitter_only(long backMicroseconds, bool joined)
    {
        string[] pieces = Pieces("lossy.pcap", "part1.pcap", "part2.pcap");
        long firstEnd = PcapSplit.Span(pieces[0]).Last, secondStart = PcapSplit.Span(pieces[1]).First;
        PcapSplit.Shift(pieces[1], firstEnd - backMicroseconds - secondStart);
        TimelinePlan plan = TimelinePlan.Make(pieces);

        Assert.Equal(joined ? 1 : 2, plan.Timelines.Count);
        Assert.Equal(joined ? RotationVerdict.Joined : RotationVerdict.Separated, Assert.Single(plan.Notes).Verdict);
    }

    [Theory]
    [InlineData(290, true)]
    [InlineData(299, true)]
    [InlineData(301, false)]
    [InlineData(86_400, false)]
    public void A_silence_up_to_five_minutes_is_a_seam_and_a_longer_one_is_not(long silenceSeconds, bool joined)
    {
        string[] pieces = Pieces("lossy.pcap", "part1.pcap", "part2.pcap");
        long firstEnd = PcapSplit.Span(pieces[0]).Last, secondStart = PcapSplit.Span(pieces[1]).First;
        PcapSplit.Shift(pieces[1], firstEnd + silenceSeconds * 1_000_000 - secondStart);
        TimelinePlan plan = TimelinePlan.Make(pieces);

        Assert.Equal(joined ? [pieces] : [[pieces[0]], [pieces[1]]], Files(plan));
    }

    [Fact]
    public void The_thresholds_come_from_the_options()
    {
        string[] pieces = Pieces("lossy.pcap", "part1.pcap", "part2.pcap");
        long firstEnd = PcapSplit.Span(pieces[0]).Last, secondStart = PcapSplit.Span(pieces[1]).First;
        PcapSplit.Shift(pieces[1], firstEnd + 60_000_000 - secondStart);

        Assert.Single(TimelinePlan.Make(pieces).Timelines);
        Assert.Equal(2, TimelinePlan.Make(pieces, new RotationOptions { MaxGapNs = 30_000_000_000 }).Timelines.Count);
    }

    [Fact]
    public void Two_rotations_recorded_side_by_side_are_untangled()
    {
        // the client's capture in pieces 1 and 2, the server's, at the same time, in pieces 3 and 4
        string[] client = [Path.Combine(_dir, "cap1.pcap"), Path.Combine(_dir, "cap2.pcap")];
        string[] server = [Path.Combine(_dir, "cap3.pcap"), Path.Combine(_dir, "cap4.pcap")];
        PcapSplit.Pieces(Data("twopoint/loss-client.pcap"), client);
        PcapSplit.Pieces(Data("twopoint/loss-server.pcap"), server);
        TimelinePlan plan = TimelinePlan.Make([.. client, .. server]);

        Assert.Equal([client, server], Files(plan));
        Assert.Equal(RotationVerdict.Separated, Assert.Single(plan.Notes).Verdict);
    }

    [Fact]
    public void Pieces_written_with_another_header_are_not_one_rotation()
    {
        // reorder.pcapng was made 3.5 s after lossy.pcap ended, by dumpcap rather than tcpdump
        string one = Copy("lossy.pcap", "x1.pcap"), two = Copy("reorder.pcapng", "x2.pcap");
        TimelinePlan plan = TimelinePlan.Make([one, two]);

        Assert.Equal([[one], [two]], Files(plan));
        Assert.Equal($"{two} was written as pcapng, ether snap length 160 ns on tl-c0, {one} as pcap-le-usec, ether snap length 128",
            Assert.Single(plan.Notes).Reason);
    }

    [Fact]
    public void Compressed_pieces_are_read_through_and_joined()
    {
        // tcpdump -z gzip compresses each piece once it is closed, not the one being written
        string[] pieces = Pieces("lossy.pcap", "cap1.pcap", "cap2.pcap", "cap3.pcap");
        string[] mixed = [pieces[0] + ".gz", pieces[1] + ".gz", pieces[2]];
        for (int i = 0; i < 2; i++)
        {
            File.WriteAllBytes(mixed[i], CaptureBuilder.Gzip(File.ReadAllBytes(pieces[i])));
            File.Delete(pieces[i]);
        }
        // names differ in their endings, so each is a rotation key of its own: give them one
        string[] renamed = [.. mixed.Select((f, i) => Path.Combine(_dir, $"ring{i + 1}"))];
        for (int i = 0; i < 3; i++)
        {
            File.Move(mixed[i], renamed[i]);
        }
        Assert.Equal([renamed], Files(TimelinePlan.Make([.. renamed.Reverse()])));
    }

    [Fact]
    public void An_empty_piece_keeps_its_place_by_name()
    {
        string[] pieces = Pieces("lossy.pcap", "ring_1.pcap", "ring_3.pcap");
        string empty = Path.Combine(_dir, "ring_2.pcap"), emptyFirst = Path.Combine(_dir, "ring_0.pcap");
        byte[] header = File.ReadAllBytes(pieces[0])[..24];
        File.WriteAllBytes(empty, header);
        File.WriteAllBytes(emptyFirst, header);
        TimelinePlan plan = TimelinePlan.Make([pieces[1], empty, pieces[0], emptyFirst]);

        Assert.Equal([[emptyFirst, pieces[0], empty, pieces[1]]], Files(plan));
        Assert.Equal(RotationVerdict.Joined, Assert.Single(plan.Notes).Verdict);
    }

    [Fact]
    public void An_unreadable_piece_puts_its_rotation_in_name_order_and_says_why()
    {
        string first = Copy("lossy.pcap", "cap1.pcap"), second = Path.Combine(_dir, "cap2.pcap");
        File.WriteAllText(second, "not a capture");
        TimelinePlan plan = TimelinePlan.Make([second, first]);

        Assert.Equal([[first, second]], Files(plan));
        RotationNote note = Assert.Single(plan.Notes);
        Assert.Equal(RotationVerdict.NameOrder, note.Verdict);
        Assert.StartsWith($"{second}: not a pcap or pcapng capture", note.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Separate_captures_keep_the_order_the_files_were_given_in()
    {
        string one = Copy("twopoint/loss-client.pcap", "cap1.pcap"), two = Copy("twopoint/loss-server.pcap", "cap2.pcap");
        string other = Copy("rst-client.pcap", "client.pcap");
        Assert.Equal([[two], [other], [one]], Files(TimelinePlan.Make([two, other, one])));
        Assert.Equal([[one], [other], [two]], Files(TimelinePlan.Make([one, other, two])));
    }

    [Fact]
    public void Durations_read_as_people_say_them()
    {
        Assert.Equal("3.2 ms", RotationNote.Duration(3_200_000));
        Assert.Equal("2.383 s", RotationNote.Duration(-2_383_000_000));
        Assert.Equal("4 min 10 s", RotationNote.Duration(250_000_000_000));
        Assert.Equal("2 h 5 min", RotationNote.Duration(7_500_000_000_000));
        Assert.Equal("3 days", RotationNote.Duration(3 * 86_400_000_000_000));
        Assert.Equal("6 files, a … f", RotationNote.Names(["a", "b", "c", "d", "e", "f"]));
    }
}
