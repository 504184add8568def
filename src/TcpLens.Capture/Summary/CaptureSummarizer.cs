using TcpLens.Capture.Decoding;

namespace TcpLens.Capture.Summary;

/// <summary>Reads a whole capture once and counts what <c>tcplens info</c> shows.</summary>
public static class CaptureSummarizer
{
    /// <summary>
    /// Summarises one file. Throws <see cref="CaptureFormatException"/> when it is not a capture;
    /// damage later in the file ends the summary with <see cref="CaptureSummary.Error"/> set.
    /// Progress: see <see cref="Progress.ReadProgress"/>.
    /// </summary>
    public static CaptureSummary Summarize(string path)
    {
        using CaptureReader reader = CaptureReader.Open(path);
        return Summarize(reader);
    }

    /// <summary>Summarises the frames of an open reader.</summary>
    public static CaptureSummary Summarize(CaptureReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var summary = new CaptureSummary { File = reader.Name, Format = reader.Format };
        long frames = 0, wire = 0, captured = 0, optionProblems = 0, withoutTime = 0;
        Int128 first = Int128.MaxValue, last = Int128.MinValue, previous = Int128.MinValue;
        Timestamp firstTs = default, lastTs = default;
        bool ordered = true;
        while (reader.TryRead(out CaptureFrame frame))
        {
            frames++;
            wire += frame.OriginalLength;
            captured += frame.Data.Length;
            DecodeOutcome outcome = PacketDecoder.Decode(frame, out TcpSegment segment);
            summary.Add(outcome);
            if (outcome == DecodeOutcome.Tcp && segment.OptionsMalformed)
            {
                optionProblems++;
            }
            if (frame.HasTime)
            {
                Int128 t = frame.Time.ExactNanoseconds;
                if (t < previous)
                {
                    ordered = false;
                }
                previous = t;
                if (t < first)
                {
                    first = t;
                    firstTs = frame.Time;
                }
                if (t > last)
                {
                    last = t;
                    lastTs = frame.Time;
                }
            }
            else
            {
                withoutTime++;
            }
        }
        summary.Frames = frames;
        summary.WireBytes = wire;
        summary.CapturedBytes = captured;
        summary.TcpOptionProblems = optionProblems;
        summary.StrictTimeOrder = ordered;
        summary.Interfaces = [.. reader.Interfaces];
        summary.Error = reader.Error;
        summary.FramesWithoutTime = withoutTime;
        if (frames > withoutTime)
        {
            summary.First = firstTs;
            summary.Last = lastTs;
        }
        return summary;
    }
}
