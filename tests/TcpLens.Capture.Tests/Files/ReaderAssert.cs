using TcpLens.Capture.Tests.Support;

namespace TcpLens.Capture.Tests.Files;

/// <summary>Compares what a reader delivered with what a <see cref="BuiltCapture"/> says it must.</summary>
internal static class ReaderAssert
{
    /// <summary>Reads <paramref name="file"/> to its end and checks every frame field against <paramref name="built"/>.</summary>
    public static CaptureReader RoundTrips(BuiltCapture built, byte[]? file = null, string name = "built.cap")
    {
        var (frames, reader) = ReadAll.From(file ?? built.ToArray(), name);
        Assert.Null(reader.Error);
        Matches(built.Frames, frames);
        return reader;
    }

    public static void Matches(IReadOnlyList<BuiltFrame> expected, IReadOnlyList<ReadFrame> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            BuiltFrame e = expected[i];
            ReadFrame a = actual[i];
            string at = $"frame {e.Number}";
            Assert.True(e.Number == a.Number, $"{at}: number {a.Number}");
            Assert.True(e.Offset == a.Offset, $"{at}: offset {a.Offset}, expected {e.Offset}");
            Assert.True(e.Interface == a.Interface, $"{at}: interface {a.Interface}, expected {e.Interface}");
            Assert.True(e.LinkType == a.LinkType, $"{at}: link type {a.LinkType}, expected {e.LinkType}");
            Assert.True(e.OriginalLength == a.OriginalLength, $"{at}: original length {a.OriginalLength}, expected {e.OriginalLength}");
            Assert.True(e.Time.HasValue == a.HasTime, $"{at}: has time {a.HasTime}");
            Assert.True((e.Time ?? default) == a.Time, $"{at}: time {a.Time.Seconds}.{a.Time.Nanoseconds}, expected {e.Time}");
            Assert.True(e.Data.AsSpan().SequenceEqual(a.Data), $"{at}: data differs ({a.Data.Length} bytes, expected {e.Data.Length})");
        }
    }
}
