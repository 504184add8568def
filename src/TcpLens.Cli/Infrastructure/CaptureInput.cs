using System.CommandLine;
using TcpLens.Analysis;
using TcpLens.Analysis.Timelines;
using TcpLens.Capture;
using TcpLens.Capture.Files;
using TcpLens.Capture.Timelines;

namespace TcpLens.Cli.Infrastructure;

/// <summary>Opening captures for the commands that analyse them, with the one-line errors of the output contract.</summary>
internal static class CaptureInput
{
    /// <summary>
    /// False (after saying why) when the output file would overwrite an input capture: the same
    /// file by any name (a symbolic or hard link, another path), told by device and inode.
    /// </summary>
    public static bool OutputIsSafe(FileInfo? output, IEnumerable<string> inputs)
    {
        if (output is null)
        {
            return true;
        }
        FileIdentity target = FileIdentity.Of(output.FullName);
        foreach (string input in inputs)
        {
            bool same = target.Kind != FileKind.Missing && target.SameFileAs(FileIdentity.Of(input));
            if (same || CommonOptions.IsInput(output, [input]))
            {
                Diagnostics.Error($"{output.FullName}: the output file is one of the input captures{(same && !CommonOptions.IsInput(output, [input]) ? $" ({input}, through a link)" : "")}; refusing to overwrite it");
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// The capture files named on the command line, with each folder replaced by the files in it
    /// (not recursing) and each glob in the file name (<c>'ring_*.pcapng'</c>, quoted so the shell
    /// left it alone, or on a shell that does not expand globs) replaced by the files it matches,
    /// in ordinal name order. Files whose content is not a capture are reported when opened.
    /// </summary>
    public static string[] Expand(IEnumerable<string> arguments) =>
        [.. arguments.SelectMany<string, string>(a => Directory.Exists(a)
            ? RegularOnly(Directory.EnumerateFiles(a).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal))
            : IsGlob(a) ? RegularOnly(Glob(a)) : [a])];

    // A folder's or a glob's pipes, sockets and devices would block or never end: skipped, with a
    // note (named on their own, they are read as they arrive).
    private static IEnumerable<string> RegularOnly(IEnumerable<string> files)
    {
        foreach (string f in files)
        {
            FileKind kind = FileIdentity.Of(f).Kind;
            if (kind is FileKind.Pipe or FileKind.Device)
            {
                Diagnostics.Note($"{f}: not a regular file ({(kind == FileKind.Pipe ? "a named pipe" : "a device or socket")}), skipped; name it on its own to read it");
                continue;
            }
            yield return f;
        }
    }

    private static bool IsGlob(string argument) =>
        !File.Exists(argument) && Path.GetFileName(argument).AsSpan().IndexOfAny('*', '?') >= 0;

    // A pattern in the last path segment only; a pattern that matches nothing stays as given, so
    // the user hears "no such file" about it.
    private static string[] Glob(string argument)
    {
        string folder = Path.GetDirectoryName(argument) is { Length: > 0 } d ? d : ".";
        string[] matches = Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder, Path.GetFileName(argument))
                .Select(f => folder == "." && !argument.StartsWith("./", StringComparison.Ordinal) ? Path.GetFileName(f) : f)
                .Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal)]
            : [];
        return matches.Length > 0 ? matches : [argument];
    }

    /// <summary>The --timelines option: how several capture files are grouped.</summary>
    public static Option<string> Timelines()
    {
        var option = new Option<string>("--timelines")
        {
            Description = "How several files are read: auto (files whose names differ only in digits, as tcpdump -C/-G and "
                + "dumpcap ring buffers write them, are one timeline in time order when each starts where the one before it "
                + "ended; other files, and such files that overlap in time or lie more than 5 minutes apart, are independent "
                + "and read in parallel), files (every file on its own), one (all files as one timeline, in the order given).",
            DefaultValueFactory = _ => "auto",
            HelpName = "auto|files|one",
        };
        option.AcceptOnlyFromAmong("auto", "files", "one");
        return option;
    }

    /// <summary>
    /// The files grouped as the --timelines value says. With auto, one note per set of files
    /// named like pieces of one rotation says whether they were joined (stream numbers then
    /// count across them) or kept apart, and how to ask for the other reading.
    /// </summary>
    public static CaptureSet Plan(IReadOnlyList<string> files, string? timelines)
    {
        switch (timelines)
        {
            case "files":
                return CaptureSet.EachFile(files);
            case "one":
                return CaptureSet.OneTimeline(files);
        }
        TimelinePlan plan = TimelinePlan.Make(files);
        foreach (RotationNote note in plan.Notes)
        {
            Diagnostics.Note(note.Verdict == RotationVerdict.Separated
                ? $"{note}; --timelines one reads them as one timeline"
                : $"{note}; --timelines files reads them separately");
        }
        return new CaptureSet(plan.Timelines);
    }

    /// <summary>Reports how a timeline's reading went; false when nothing useful was read.</summary>
    public static bool Report(TimelineEnd end)
    {
        if (end.OpenFailure is { } failure)
        {
            Diagnostics.Error(failure);
            return false;
        }
        foreach (CaptureError error in end.Errors)
        {
            if (end.Files.Count <= 1)
            {
                Diagnostics.ReadStopped(error, end.FramesRead);
            }
            else
            {
                Diagnostics.Warning(error.ToString());
            }
        }
        return !end.NothingRead;
    }

    /// <summary>Threads for per-connection work: one per core.</summary>
    public static int Workers => Environment.ProcessorCount;

    /// <summary>
    /// Opens a capture for analysis — with <paramref name="readAhead"/>, read on a second thread
    /// when there is a second core (for frame-by-frame output; sessions use
    /// <see cref="TcpCapture.Sessions(int)"/> instead); false (after a one-line error) when it is
    /// not a readable capture.
    /// </summary>
    public static bool TryOpen(string file, bool readAhead, out TcpCapture capture)
    {
        try
        {
            capture = readAhead && Environment.ProcessorCount > 1 ? TcpCapture.OpenReadAhead(file) : TcpCapture.Open(file);
            return true;
        }
        catch (CaptureFormatException e)
        {
            Diagnostics.Error(e.Message);
            capture = null!;
            return false;
        }
    }
}
