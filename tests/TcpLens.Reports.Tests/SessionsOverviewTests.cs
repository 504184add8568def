using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;
using TcpLens.Capture.Tests.Support;
using TcpLens.Reports.Overview;

namespace TcpLens.Reports.Tests;

public class SessionsOverviewTests
{
    private static string Capture(string name) => Path.Combine(TestPaths.TestData, name);

    private static List<Session> Sessions(params string[] files)
    {
        using TcpCapture c = TcpCapture.Open(files);
        return [.. c.Sessions()];
    }

    [Fact]
    public void One_pass_counts_every_session_and_keeps_the_worst_of_each_ranking()
    {
        string file = Capture("concurrent-resets.pcap");
        List<Session> sessions = Sessions(file);

        SessionsOverview o = SessionsOverview.Collect([file], new OverviewOptions { Top = 2, Workers = 2 });

        Assert.Equal(sessions.Count, o.Overview.Sessions);
        Assert.Equal(sessions.Count, o.Totals.Sessions);
        Assert.Equal(sessions.Sum(s => s.ClientToServer.Packets + s.ServerToClient.Packets), o.Overview.TcpFrames);
        Assert.Equal(sessions.Count(s => s.ClientRstFrame != 0), o.Totals.ClientResets);
        Assert.Equal(SessionRanking.All, o.Rankings.Select(r => r.Ranking));
        Assert.All(o.Rankings, r =>
        {
            Assert.Equal(sessions.Count(s => r.Ranking.Key(s) is not null), r.Ranked);
            Assert.True(r.Worst.Count <= 2);
        });
        Assert.Empty(o.Locations); // one file: its own frame numbers are the timeline's
    }

    [Fact]
    public void Several_files_give_the_file_and_frame_of_each_ranked_session()
    {
        string a = Capture("lossy.pcap"), b = Capture("concurrent-resets.pcap");

        SessionsOverview o = SessionsOverview.Collect([a, b]);

        Assert.Equal([a, b], o.Overview.Files);
        List<Session> ranked = [.. o.Rankings.SelectMany(r => r.Worst)];
        Assert.NotEmpty(ranked);
        Assert.All(ranked, s => Assert.True(o.Locations.ContainsKey(s.Stream)));
    }
}
