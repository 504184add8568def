using System.Globalization;
using TcpLens.Parity;

// Agreement of tcplens's TCP analysis with tshark reference tables, one row per capture.
//   TcpLens.Parity [--details N] CAPTURE_OR_DIR...
// A directory stands for every capture in it that has reference/NAME.tcp.tsv.gz.
int details = 0;
var inputs = new List<string>();
for (int i = 0; i < args.Length; i++)
{
    if (args[i] == "--details" && i + 1 < args.Length)
    {
        details = int.Parse(args[++i], CultureInfo.InvariantCulture);
    }
    else
    {
        inputs.Add(args[i]);
    }
}
if (inputs.Count == 0)
{
    Console.Error.WriteLine("usage: TcpLens.Parity [--details N] CAPTURE_OR_DIR...");
    return 2;
}

var captures = new List<string>();
foreach (string input in inputs)
{
    if (Directory.Exists(input))
    {
        captures.AddRange(Directory.EnumerateFiles(input).Where(f => ReferenceReader.TablePath(f) is not null).Order(StringComparer.Ordinal));
    }
    else
    {
        captures.Add(input);
    }
}

var fields = Enum.GetValues<ParityField>();
Console.WriteLine($"{"capture",-58} {"tcp",7} {"miss",5} {"extra",5} " + string.Join(' ', fields.Select(f => $"{ParityFieldNames.Name(f),8}")));
long totalFrames = 0;
long flagMismatches = 0;
bool exact = true;
foreach (string capture in captures)
{
    string? table = ReferenceReader.TablePath(capture);
    if (table is null)
    {
        Console.Error.WriteLine($"{capture}: no reference table");
        continue;
    }
    ParityResult r = ParityCheck.Run(capture, table);
    totalFrames += r.TcpFrames;
    flagMismatches += r.MismatchCount(ParityField.Flags);
    exact &= r.Identical;
    Console.WriteLine($"{r.Capture,-58} {r.TcpFrames,7} {r.MissingFrames,5} {r.ExtraFrames,5} " +
        string.Join(' ', fields.Select(f => $"{r.MismatchCount(f),8}")));
    foreach (ParityMismatch m in r.Mismatches.Take(details))
    {
        Console.WriteLine($"    frame {m.Frame} {ParityFieldNames.Name(m.Field)}: tshark {m.Tshark}, tcplens {m.Tcplens}");
    }
}
double flagAgreement = totalFrames == 0 ? 100 : 100.0 * (totalFrames - flagMismatches) / totalFrames;
Console.WriteLine($"total: {totalFrames} TCP frames; analysis flags identical on {flagAgreement:F4}% ({flagMismatches} frames differ)");
return exact ? 0 : 1;
