using System.Globalization;
using System.Text.RegularExpressions;

namespace TcpLens.Cli.Tests;

/// <summary>
/// Progress counts the bytes every command reads: each phase that reads captures ends with
/// exactly the bytes the inputs hold on disk (compressed ones by their compressed size) read, so
/// the percentage a user sees reaches 100% and never passes it, whatever the command.
/// </summary>
public sealed partial class ProgressTests
{
    private static readonly string Lossy = Path.Combine(TestFiles.TestData, "lossy.pcap");
    private static readonly string Client = Path.Combine(TestFiles.TestData, "pair-client.pcap");
    private static readonly string Server = Path.Combine(TestFiles.TestData, "pair-server.pcap");
    private static readonly string Gzipped = Path.Combine(TestFiles.TestData, "clean-http.pcap.gz");

    [GeneratedRegex(@"^tcplens: progress: (?<phase>[a-z ]+): (?<done>\d+) of (?<total>\d+|\?) bytes in [0-9.]+ s$")]
    private static partial Regex ReadingPhase();

    [GeneratedRegex(@"^tcplens: progress: (?<phase>[a-z ]+): [0-9]+\.[0-9] s$")]
    private static partial Regex WorkingPhase();

    public static TheoryData<string, int, string[]> Commands()
    {
        string dir = TestFiles.TempDir();
        return new TheoryData<string, int, string[]>
        {
            { "read", 1, ["info", Lossy, Gzipped] },
            { "read", 1, ["packets", Lossy, "-o", Path.Combine(dir, "p.csv")] },
            { "analyse", 1, ["sessions", Lossy, Gzipped] },
            { "analyse,write", 1, ["resets", Lossy] },
            { "analyse", 1, ["quality", Lossy] },
            { "read,write", 1, ["ladder", Lossy, "--stream", "0"] },
            { "sessions,explain", 1, ["explain", Lossy, "--stream", "0"] },
            { "read,draw", 1, ["plot", Lossy, "--stream", "0", "--kind", "window", "-o", Path.Combine(dir, "w.png")] },
            { "analyse,match", 1, ["match", Client, Server] },
            { "analyse,match,compare", 1, ["compare", Client, Server] },
            { "analyse,write", 1, ["report", Lossy, "-o", Path.Combine(dir, "r.html"), "--charts", "0"] },
            { "load,query,write", 1, ["sql", Lossy, Gzipped, "select count(*) from sessions", "--no-packets"] },
            // with packets, the packets and the sessions are loaded side by side, each reading the files
            { "load,query,write", 2, ["sql", Lossy, Gzipped, "select count(*) from packets"] },
            { "load,write", 2, ["export", Lossy, "--to", Path.Combine(dir, "parquet")] },
        };
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Every_reading_phase_reads_the_inputs_bytes_as_often_as_it_says(string phases, int reads, string[] args)
    {
        CliResult r = CliRunner.RunWithProgressLog(args);

        Assert.True(r.ExitCode == 0, r.StdErr);
        var seen = new List<string>();
        foreach (string line in r.ErrLines.Where(l => l.StartsWith("tcplens: progress: ", StringComparison.Ordinal)))
        {
            Match reading = ReadingPhase().Match(line);
            if (reading.Success)
            {
                long done = long.Parse(reading.Groups["done"].Value, CultureInfo.InvariantCulture);
                Assert.True(long.Parse(reading.Groups["total"].Value, CultureInfo.InvariantCulture) == done, line);
                Assert.Equal(InputBytes(args) * reads, done);
                seen.Add(reading.Groups["phase"].Value);
                continue;
            }
            Match working = WorkingPhase().Match(line);
            Assert.True(working.Success, $"not a progress line: {line}");
            seen.Add(working.Groups["phase"].Value);
        }
        Assert.Equal(phases, string.Join(',', seen));
    }

    [Fact]
    public void Without_a_progress_mode_nothing_is_said()
    {
        CliResult r = CliRunner.Run("sessions", Lossy);

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.StdErr);
    }

    // the captures on the command line (the arguments that name files under testdata)
    private static long InputBytes(string[] args) =>
        args.Where(a => a.StartsWith(TestFiles.TestData, StringComparison.Ordinal)).Sum(a => new FileInfo(a).Length);
}
