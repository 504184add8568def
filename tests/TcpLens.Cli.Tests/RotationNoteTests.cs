using System.Globalization;
using System.IO.Compression;
using TcpLens.Capture.Tests.Support;

namespace TcpLens.Cli.Tests;

/// <summary>
/// Every command that groups files says on stderr which files it read as one rotated capture (so
/// stream numbers count across them) or kept apart, and how to ask for the other reading.
/// </summary>
public class RotationNoteTests
{
    private static string Data(string name) => Path.Combine(TestFiles.TestData, name);

    // lossy.pcap cut in two, as tcpdump -C names the pieces
    private static (string Dir, string First, string Second) Rotation()
    {
        string dir = TestFiles.TempDir();
        string first = Path.Combine(dir, "cap.pcap"), second = Path.Combine(dir, "cap.pcap1");
        PcapSplit.Split(Data("lossy.pcap"), first, second);
        return (dir, first, second);
    }

    // the client and the server capture of the same traffic, named as a user named two captures
    private static (string One, string Two) SameTimeCaptures()
    {
        string dir = TestFiles.TempDir();
        string one = Path.Combine(dir, "client1.pcap"), two = Path.Combine(dir, "client2.pcap");
        File.Copy(Data("twopoint/loss-client.pcap"), one);
        File.Copy(Data("twopoint/loss-server.pcap"), two);
        return (one, two);
    }

    private static string Note(CliResult r) => Assert.Single(r.ErrLines, l => l.StartsWith("tcplens: note: ", StringComparison.Ordinal));

    [Fact]
    public void Sessions_says_which_files_it_joined_and_how_to_read_them_apart()
    {
        (_, string first, string second) = Rotation();
        CliResult r = CliRunner.Run("sessions", "--format", "csv", second, first);
        CliResult apart = CliRunner.Run("sessions", "--format", "csv", "--timelines", "files", second, first);

        Assert.Equal(0, r.ExitCode);
        Assert.Equal($"tcplens: note: {first} and {second}: read as one rotated capture, in this order "
            + "(names differ only in digits; each file starts where the one before it ends); --timelines files reads them separately",
            Assert.Single(r.ErrLines));
        Assert.Equal("", apart.StdErr);
    }

    [Fact]
    public void Captures_made_at_the_same_time_are_read_apart_with_tsharks_stream_numbers()
    {
        (string one, string two) = SameTimeCaptures();
        CliResult r = CliRunner.Run("sessions", "--format", "csv", "--columns", "stream,file,first_frame,last_frame", one, two);

        Assert.Equal(0, r.ExitCode);
        Assert.Equal($"tcplens: note: {one} and {two}: named like pieces of one rotation, but read as 2 separate captures "
            + $"({two} starts 2.798 s before {one} ends); --timelines one reads them as one timeline", Assert.Single(r.ErrLines));
        string[][] rows = [.. r.OutLines.Skip(1).Select(l => l.Split(','))];
        foreach ((string copy, string original) in new[] { (one, "twopoint/loss-client.pcap"), (two, "twopoint/loss-server.pcap") })
        {
            Dictionary<long, string> tshark = TsharkStreams(Data(original));
            string[][] mine = [.. rows.Where(c => c[1] == copy)];
            Assert.Equal(tshark.Values.Distinct().Count(), mine.Length);
            Assert.All(mine, c => Assert.Equal(tshark[long.Parse(c[2], CultureInfo.InvariantCulture)], c[0]));
            Assert.All(mine, c => Assert.Equal(tshark[long.Parse(c[3], CultureInfo.InvariantCulture)], c[0]));
        }
        // read as one timeline on request, silently: the streams of both count on
        CliResult one_ = CliRunner.Run("sessions", "--format", "csv", "--columns", "stream", "--timelines", "one", one, two);
        Assert.Equal("", one_.StdErr);
        Assert.Equal(rows.Length, one_.OutLines.Length - 1);
        Assert.Equal((rows.Length - 1).ToString(CultureInfo.InvariantCulture), one_.OutLines[^1]);
    }

    [Theory]
    [InlineData("quality")]
    [InlineData("sql")]
    [InlineData("export")]
    [InlineData("report")]
    public void Every_command_that_groups_files_says_so(string command)
    {
        (string dir, string first, string second) = Rotation();
        string output = Path.Combine(TestFiles.TempDir(), "out");
        string[] args = command switch
        {
            "sql" => ["sql", dir, "SELECT count(*) FROM sessions"],
            "export" => ["export", dir, "--to", output, "--tables", "sessions"],
            "report" => ["report", dir, "-o", output + ".html"],
            _ => ["quality", dir],
        };
        CliResult joined = CliRunner.Run(args);
        Assert.Equal(0, joined.ExitCode);
        string note = Note(joined);
        Assert.Contains($"{first} and {second}: read as one rotated capture", note, StringComparison.Ordinal);
        Assert.Contains(command == "report" ? "report on one file to see it alone" : "--timelines files reads them separately", note, StringComparison.Ordinal);

        (string one, string two) = SameTimeCaptures();
        string[] apartArgs = [.. args.Select(a => a == dir ? one : a).Take(2), two, .. args.Skip(2)];
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }
        CliResult apart = CliRunner.Run(apartArgs);
        Assert.Equal(0, apart.ExitCode);
        Assert.Contains("read as 2 separate captures", Note(apart), StringComparison.Ordinal);
    }

    private static Dictionary<long, string> TsharkStreams(string capture)
    {
        string table = Path.Combine(Path.GetDirectoryName(capture)!, "reference", Path.GetFileName(capture) + ".tcp.tsv.gz");
        using var gz = new GZipStream(File.OpenRead(table), CompressionMode.Decompress);
        using var text = new StreamReader(gz);
        string[] names = text.ReadLine()!.Split('\t');
        int frame = Array.IndexOf(names, "frame.number"), stream = Array.IndexOf(names, "tcp.stream");
        var streams = new Dictionary<long, string>();
        for (string? line = text.ReadLine(); line is not null; line = text.ReadLine())
        {
            string[] cells = line.Split('\t');
            if (cells[stream] != "")
            {
                streams[long.Parse(cells[frame], CultureInfo.InvariantCulture)] = cells[stream];
            }
        }
        return streams;
    }
}
