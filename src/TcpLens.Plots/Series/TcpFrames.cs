using TcpLens.Capture;
using TcpLens.Capture.Decoding;

namespace TcpLens.Plots.Series;

/// <summary>The frames the analysis takes as TCP, decided as <see cref="Analysis.TcpCapture"/> decides it.</summary>
internal static class TcpFrames
{
    public static bool TryDecode(in CaptureFrame frame, out TcpSegment segment)
    {
        DecodeOutcome outcome = PacketDecoder.Decode(frame, out segment);
        return segment.HasPorts && (DecodeOutcomeNames.IsTcp(outcome) || outcome == DecodeOutcome.IcmpQuotedTcp);
    }
}
