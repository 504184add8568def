using System.Globalization;
using TcpLens.Analysis;

namespace TcpLens.Parity;

/// <summary>Runs tcplens's analysis over a capture and compares every TCP frame with tshark's reference table.</summary>
public static class ParityCheck
{
    /// <summary>Compares one capture with its reference table (reference/NAME.tcp.tsv.gz beside it).</summary>
    public static ParityResult Run(string capture, string referenceTable)
    {
        Dictionary<long, ReferenceFrame> expected = ReferenceReader.Read(referenceTable);
        var result = new ParityResult(Path.GetFileName(capture)) { TcpFrames = expected.Count };
        var seen = new HashSet<long>();
        TcpCapture tcp;
        try
        {
            tcp = TcpCapture.Open(capture);
        }
        catch (TcpLens.Capture.CaptureFormatException e)
        {
            // tshark cannot read it either when its table is empty; otherwise every frame is missing.
            result.ReadError = e.Message;
            result.MissingFrames = expected.Values.Count(r => r.Stream >= 0);
            return result;
        }
        using (tcp)
        {
            while (tcp.TryReadPacket(out AnalyzedPacket packet))
            {
                if (!expected.TryGetValue(packet.Frame, out ReferenceFrame? reference))
                {
                    result.ExtraFrames++;
                    continue;
                }
                seen.Add(packet.Frame);
                Compare(reference, packet, result);
            }
            result.ReadError = tcp.Error?.ToString();
        }
        foreach (ReferenceFrame reference in expected.Values)
        {
            // tshark lists a TCP header too short for ports; it has no stream and nothing to compare.
            if (!seen.Contains(reference.Frame) && reference.Stream >= 0)
            {
                result.MissingFrames++;
            }
        }
        result.Mismatches.Sort((a, b) => a.Frame != b.Frame ? a.Frame.CompareTo(b.Frame) : a.Field.CompareTo(b.Field));
        return result;
    }

    private static void Compare(ReferenceFrame reference, in AnalyzedPacket packet, ParityResult result)
    {
        PacketAnalysis a = packet.Analysis;
        bool hasSeq = packet.Segment.HasSequence;
        bool hasAck = packet.Segment.HasAcknowledgement;
        Check(result, reference.Frame, ParityField.Stream, reference.Stream, a.HasStream ? a.Stream : -1);
        Check(result, reference.Frame, ParityField.Seq, reference.Seq, hasSeq ? a.RelativeSeq : -1);
        Check(result, reference.Frame, ParityField.Ack, reference.Ack, hasAck ? a.RelativeAck : -1);
        Check(result, reference.Frame, ParityField.Len, reference.Len, a.SegmentLength);
        Check(result, reference.Frame, ParityField.Window, reference.Window, a.WindowSize);
        if (reference.Flags != a.Flags)
        {
            result.Add(new ParityMismatch(reference.Frame, ParityField.Flags,
                AnalysisFlagNames.Join(reference.Flags), AnalysisFlagNames.Join(a.Flags)));
        }
        Check(result, reference.Frame, ParityField.DupAckNum, reference.DupAckNum, a.DupAckNumber > 0 ? a.DupAckNumber : -1);
        if (!reference.TimesUnreadable)
        {
            Check(result, reference.Frame, ParityField.AckRtt, reference.AckRttNs, a.AckRttNs);
            Check(result, reference.Frame, ParityField.InitialRtt, reference.InitialRttNs, a.InitialRttNs);
        }
        Check(result, reference.Frame, ParityField.BytesInFlight, reference.BytesInFlight, a.BytesInFlight);
    }

    private static void Check(ParityResult result, long frame, ParityField field, long tshark, long tcplens)
    {
        if (tshark != tcplens)
        {
            result.Add(new ParityMismatch(frame, field, Show(tshark), Show(tcplens)));
        }
    }

    private static void Check(ParityResult result, long frame, ParityField field, long? tshark, long? tcplens)
    {
        if (tshark != tcplens)
        {
            result.Add(new ParityMismatch(frame, field, Show(tshark), Show(tcplens)));
        }
    }

    private static string Show(long v) => v < 0 ? "(none)" : v.ToString(CultureInfo.InvariantCulture);

    private static string Show(long? v) => v is { } n ? n.ToString(CultureInfo.InvariantCulture) : "(none)";
}
