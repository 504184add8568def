using System.IO.Compression;
using TcpLens.Capture.Tests.Support;
using TcpLens.Parity;

namespace TcpLens.Analysis.Tests.Parity;

/// <summary>The parity check itself must notice a disagreement, or the differential tests prove nothing.</summary>
public sealed class ParityCheckTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tcplens-parity-").FullName;

    [Fact]
    public void ReportsEveryFieldThatDiffersFromTheReference()
    {
        string capture = Path.Combine(_dir, "clean-http.pcap");
        File.Copy(Path.Combine(TestPaths.TestData, "clean-http.pcap"), capture);
        string[] lines = ReadGz(Path.Combine(TestPaths.TestData, "reference", "clean-http.pcap.tcp.tsv.gz"));
        string[] names = lines[0].Split('\t');
        // frame of the first data row: claim another stream, a lost segment and an extra byte
        string[] cells = lines[1].Split('\t');
        cells[Array.IndexOf(names, "tcp.stream")] = "7";
        cells[Array.IndexOf(names, "tcp.analysis.lost_segment")] = "1";
        cells[Array.IndexOf(names, "tcp.len")] = "1";
        lines[1] = string.Join('\t', cells);
        Directory.CreateDirectory(Path.Combine(_dir, "reference"));
        string table = Path.Combine(_dir, "reference", "clean-http.pcap.tcp.tsv.gz");
        WriteGz(table, lines);

        ParityResult result = ParityCheck.Run(capture, table);

        long frame = long.Parse(cells[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(result.Identical);
        Assert.Equal(1, result.MismatchCount(ParityField.Stream));
        Assert.Equal(1, result.MismatchCount(ParityField.Flags));
        Assert.Equal(1, result.MismatchCount(ParityField.Len));
        Assert.All(result.Mismatches, m => Assert.Equal(frame, m.Frame));
        Assert.Contains(result.Mismatches, m => m.Field == ParityField.Flags && m.Tshark == "lost_segment" && m.Tcplens == "");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string[] ReadGz(string path)
    {
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static void WriteGz(string path, string[] lines)
    {
        using var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest);
        using var writer = new StreamWriter(gz);
        foreach (string line in lines)
        {
            writer.Write(line);
            writer.Write('\n');
        }
    }
}
