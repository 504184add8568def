using TcpLens.Capture.Tests.Support;
using TcpLens.Capture.Timelines;

namespace TcpLens.Capture.Tests.Timelines;

public sealed class CaptureTimelineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tcplens-timelines-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Copy(string testdata, string name)
    {
        string path = Path.Combine(_dir, name);
        File.Copy(Path.Combine(TestPaths.TestData, testdata), path);
        return path;
    }

    [Fact]
    public void Natural_order_counts_digit_runs_as_numbers()
    {
        string[] names = ["cap.pcap10", "cap.pcap2", "cap.pcap", "cap.pcap1", "ring_00010_20261124.pcapng", "ring_00009_20261124.pcapng"];
        Assert.Equal(
            ["cap.pcap", "cap.pcap1", "cap.pcap2", "cap.pcap10", "ring_00009_20261124.pcapng", "ring_00010_20261124.pcapng"],
            names.Order(NaturalNameComparer.Instance));
        Assert.NotEqual(0, NaturalNameComparer.Instance.Compare("a007", "a7")); // equal numbers fall back to ordinal: the order is total
    }

    [Fact]
    public void Pieces_of_a_tcpdump_rotation_are_one_timeline_in_the_order_written()
    {
        // tcpdump -C appends a counter after the name; ordinal order would read cap.pcap10 before cap.pcap2
        string[] pieces = [.. new[] { "cap.pcap", "cap.pcap1", "cap.pcap2", "cap.pcap10" }.Select(n => Path.Combine(_dir, n))];
        PcapSplit.Pieces(Path.Combine(TestPaths.TestData, "lossy.pcap"), pieces);
        string other = Copy("rst-client.pcap", "client.pcap");
        IReadOnlyList<CaptureTimeline> plan = CaptureTimeline.Plan([pieces[3], other, pieces[1], pieces[0], pieces[2]]);

        Assert.Equal(2, plan.Count);
        Assert.Equal(pieces, plan[0].Files);
        Assert.Equal([other], plan[1].Files);
    }

    [Fact]
    public void A_rotation_is_ordered_by_first_frame_when_names_disagree()
    {
        // part1 holds the later half of the capture: time decides, not the name
        string whole = Path.Combine(TestPaths.TestData, "lossy.pcap");
        string early = Path.Combine(_dir, "part2.pcap"), late = Path.Combine(_dir, "part1.pcap");
        PcapSplit.Split(whole, early, late);

        Assert.Equal([early, late], CaptureTimeline.Plan([late, early]).Single().Files);
    }

    [Fact]
    public void Differently_named_files_are_independent_and_keep_the_order_given()
    {
        string a = Copy("pair-server.pcap", "server.pcap"), b = Copy("pair-client.pcap", "client.pcap");
        IReadOnlyList<CaptureTimeline> plan = CaptureTimeline.Plan([a, b, a]);
        Assert.Equal([[a], [b]], plan.Select(t => t.Files.ToArray()));
    }

    [Fact]
    public void An_unreadable_piece_keeps_its_place_by_name()
    {
        string first = Copy("lossy.pcap", "cap1.pcap"), second = Path.Combine(_dir, "cap2.pcap");
        File.WriteAllText(second, "not a capture");
        Assert.Equal([first, second], CaptureTimeline.Plan([second, first]).Single().Files);
    }

    [Fact]
    public void Same_name_in_another_folder_is_another_capture()
    {
        string a = Copy("lossy.pcap", "cap1.pcap");
        Directory.CreateDirectory(Path.Combine(_dir, "b"));
        string b = Copy("lossy.pcap", Path.Combine("b", "cap2.pcap"));
        Assert.Equal(2, CaptureTimeline.Plan([a, b]).Count);
    }
}
