namespace TcpLens.Capture.Tests.Support;

/// <summary>A frame copied out of the reader's buffer.</summary>
public sealed record ReadFrame(long Number, Timestamp Time, bool HasTime, LinkType LinkType, int Interface, int OriginalLength, long Offset, byte[] Data);

/// <summary>Reads every frame of a capture into memory (tests only).</summary>
public static class ReadAll
{
    public static (List<ReadFrame> Frames, CaptureReader Reader) From(byte[] file, string name = "test.pcap")
    {
        var reader = CaptureReader.Open(new MemoryStream(file), name);
        var frames = new List<ReadFrame>();
        while (reader.TryRead(out CaptureFrame f))
        {
            frames.Add(new ReadFrame(f.Number, f.Time, f.HasTime, f.LinkType, f.InterfaceIndex, f.OriginalLength, f.FileOffset, f.Data.ToArray()));
        }
        return (frames, reader);
    }
}
