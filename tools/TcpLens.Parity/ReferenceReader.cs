using System.IO.Compression;

namespace TcpLens.Parity;

/// <summary>Finds and reads the tshark reference table of a capture.</summary>
public static class ReferenceReader
{
    /// <summary>The reference table next to a capture (reference/NAME.tcp.tsv.gz), or null.</summary>
    public static string? TablePath(string capture)
    {
        string dir = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(capture))!, "reference");
        string path = Path.Combine(dir, Path.GetFileName(capture) + ".tcp.tsv.gz");
        return File.Exists(path) ? path : null;
    }

    /// <summary>Reads every row of a reference table, keyed by frame number.</summary>
    public static Dictionary<long, ReferenceFrame> Read(string tsvGz)
    {
        using var file = File.OpenRead(tsvGz);
        using var gz = new GZipStream(file, CompressionMode.Decompress);
        using var text = new StreamReader(gz);
        var rows = new Dictionary<long, ReferenceFrame>();
        string[]? names = text.ReadLine()?.Split('\t');
        if (names is null)
        {
            return rows;
        }
        string? line;
        while ((line = text.ReadLine()) is not null)
        {
            ReferenceFrame row = ReferenceFrame.Parse(names, line);
            rows[row.Frame] = row;
        }
        return rows;
    }
}
