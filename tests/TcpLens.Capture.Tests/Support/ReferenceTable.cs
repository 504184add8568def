using System.Globalization;
using System.IO.Compression;

namespace TcpLens.Capture.Tests.Support;

/// <summary>One row of a tshark reference table (NAME.tcp.tsv.gz made by make-references).</summary>
public sealed record ReferenceRow(IReadOnlyDictionary<string, string> Fields)
{
    public string this[string name] => Fields.TryGetValue(name, out string? v) ? v : "";

    public long Frame => long.Parse(this["frame.number"], CultureInfo.InvariantCulture);
}

/// <summary>Reads tshark reference tables and capinfos summaries.</summary>
public static class ReferenceTable
{
    public static string? TcpTablePath(string capture, string? referenceDir = null)
    {
        string dir = referenceDir ?? Path.Combine(Path.GetDirectoryName(capture)!, "reference");
        string path = Path.Combine(dir, Path.GetFileName(capture) + ".tcp.tsv.gz");
        return File.Exists(path) ? path : null;
    }

    public static List<ReferenceRow> ReadTcp(string tsvGz)
    {
        using var file = File.OpenRead(tsvGz);
        using var gz = new GZipStream(file, CompressionMode.Decompress);
        using var text = new StreamReader(gz);
        string? header = text.ReadLine();
        var rows = new List<ReferenceRow>();
        if (header is null)
        {
            return rows;
        }
        string[] names = header.Split('\t');
        string? line;
        while ((line = text.ReadLine()) is not null)
        {
            string[] cells = line.Split('\t');
            var dict = new Dictionary<string, string>(names.Length, StringComparer.Ordinal);
            for (int i = 0; i < names.Length && i < cells.Length; i++)
            {
                dict[names[i]] = cells[i];
            }
            rows.Add(new ReferenceRow(dict));
        }
        return rows;
    }

    /// <summary>"Key: value" lines of a capinfos summary (NAME.info.txt).</summary>
    public static Dictionary<string, string> ReadInfo(string infoTxt)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(infoTxt))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || line.StartsWith(' '))
            {
                continue;
            }
            result.TryAdd(line[..colon].Trim(), line[(colon + 1)..].Trim());
        }
        return result;
    }
}
