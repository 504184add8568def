using System.Globalization;
using TcpLens.Capture.Summary;
using TcpLens.Capture.Tests.Support;

namespace TcpLens.Capture.Tests.Summary;

/// <summary>
/// <c>tcplens info</c>'s figures against capinfos (Wireshark 4.6) for every capture that has a
/// reference summary: frame count, data size (bytes on the wire), earliest and latest timestamp,
/// duration; and files capinfos refuses are refused here too.
/// </summary>
public class CapinfosParityTests
{
    [SkippableTheory]
    [MemberData(nameof(CaptureCases.Shared), MemberType = typeof(CaptureCases))]
    public void Shared_capture_summary_agrees_with_capinfos(string name) => AssertAgrees(CaptureCases.SharedPath(name));

    [SkippableTheory]
    [MemberData(nameof(CaptureCases.Project), MemberType = typeof(CaptureCases))]
    public void Project_capture_summary_agrees_with_capinfos(string name) => AssertAgrees(CaptureCases.ProjectPath(name));

    private static void AssertAgrees(string capture)
    {
        string infoPath = Path.Combine(Path.GetDirectoryName(capture)!, "reference", Path.GetFileName(capture) + ".info.txt");
        Skip.IfNot(File.Exists(infoPath), $"no capinfos reference for {Path.GetFileName(capture)}");
        Dictionary<string, string> info = ReferenceTable.ReadInfo(infoPath);
        string text = File.ReadAllText(infoPath);
        if (!info.TryGetValue("Number of packets", out string? packets))
        {
            // capinfos refused the file ("damaged or corrupt", "unsupported"): tcplens must refuse it too.
            Assert.Contains("capinfos:", text, StringComparison.Ordinal);
            var refused = Assert.Throws<CaptureFormatException>(() => CaptureSummarizer.Summarize(capture));
            Assert.Contains(capture, refused.Message, StringComparison.Ordinal);
            return;
        }
        CaptureSummary s = CaptureSummarizer.Summarize(capture);
        Assert.Equal(long.Parse(packets, CultureInfo.InvariantCulture), s.Frames);
        Assert.Equal(long.Parse(info["Data size"].Split(' ')[0], CultureInfo.InvariantCulture), s.WireBytes);
        if (!info.TryGetValue("First packet time", out string? firstText))
        {
            // capinfos shows no times when a record has none (pcapng simple packet blocks).
            Assert.True(s.Frames == 0 || s.FramesWithoutTime > 0, "capinfos shows no times, yet every frame has one");
            return;
        }
        if (KnownDifferences.CapinfosTimeCompareOverflow(capture))
        {
            // capinfos compares seconds through a 32-bit int, so absurd timestamps (near 2^64 µs)
            // sort wrongly there; tcplens reports the true earliest/latest (docs/wireshark-parity.md).
            Assert.True(s.First < s.Last);
            return;
        }
        Assert.Equal(firstText, CapinfosTime(s.First!.Value, firstText));
        Assert.Equal(info["Last packet time"], CapinfosTime(s.Last!.Value, info["Last packet time"]));
        string duration = info["Capture duration"].Split(' ')[0];
        int digits = duration.Contains('.', StringComparison.Ordinal) ? duration.Length - duration.IndexOf('.', StringComparison.Ordinal) - 1 : 0;
        decimal expected = decimal.Parse(duration, CultureInfo.InvariantCulture);
        decimal actual = (decimal)s.DurationNanoseconds / 1_000_000_000m;
        Assert.True(Math.Abs(expected - actual) < (decimal)Math.Pow(10, -digits) * 1.0001m,
            $"duration: capinfos {duration}, tcplens {actual}");
    }

    // capinfos prints UTC (the references were made with TZ=UTC) with as many fraction digits as
    // the precision of the interface the frame came from, and does not normalise an out-of-range
    // nanosecond field (so "10.1000000" at microsecond precision). The precision is per frame, so
    // the rendering at the precision that fits the reference is returned.
    private static string CapinfosTime(Timestamp t, string reference)
    {
        for (int digits = 0; digits <= 9; digits++)
        {
            string text = CapinfosTime(t, digits);
            if (text == reference)
            {
                return text;
            }
        }
        return CapinfosTime(t, 9);
    }

    private static string CapinfosTime(Timestamp t, int digits)
    {
        string date = DateTimeOffset.FromUnixTimeSeconds(t.Seconds).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        if (digits == 0)
        {
            return date;
        }
        int shown = Math.Min(digits, 9);
        long fraction = t.Nanoseconds / (long)Math.Pow(10, 9 - shown);
        string text = fraction.ToString(CultureInfo.InvariantCulture);
        return date + "." + (text.Length < shown ? text.PadLeft(shown, '0') : text);
    }
}
