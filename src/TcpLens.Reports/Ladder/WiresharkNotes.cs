using System.Globalization;
using TcpLens.Analysis;

namespace TcpLens.Reports.Ladder;

/// <summary>
/// Wireshark's analysis notes as its packet list shows them ("[TCP Dup ACK 108#1]"): the most
/// specific retransmission kind only (Wireshark also sets retransmission on fast and spurious
/// ones), then the others in Wireshark's order.
/// </summary>
public static class WiresharkNotes
{
    /// <summary>The notes of one frame, space-separated; empty when it has none.</summary>
    public static string Text(AnalysisFlags flags, int dupAckNumber, long dupAckFrame)
    {
        var notes = new List<string>(2);
        if ((flags & AnalysisFlags.SpuriousRetransmission) != 0)
        {
            notes.Add("[TCP Spurious Retransmission]");
        }
        else if ((flags & AnalysisFlags.FastRetransmission) != 0)
        {
            notes.Add("[TCP Fast Retransmission]");
        }
        else if ((flags & AnalysisFlags.Retransmission) != 0)
        {
            notes.Add("[TCP Retransmission]");
        }
        Add(notes, flags, AnalysisFlags.OutOfOrder, "[TCP Out-Of-Order]");
        Add(notes, flags, AnalysisFlags.LostSegment, "[TCP Previous segment not captured]");
        Add(notes, flags, AnalysisFlags.AckLostSegment, "[TCP ACKed unseen segment]");
        if ((flags & AnalysisFlags.DuplicateAck) != 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"[TCP Dup ACK {dupAckFrame}#{dupAckNumber}]"));
        }
        Add(notes, flags, AnalysisFlags.ZeroWindow, "[TCP ZeroWindow]");
        Add(notes, flags, AnalysisFlags.ZeroWindowProbe, "[TCP ZeroWindowProbe]");
        Add(notes, flags, AnalysisFlags.ZeroWindowProbeAck, "[TCP ZeroWindowProbeAck]");
        Add(notes, flags, AnalysisFlags.WindowFull, "[TCP Window Full]");
        Add(notes, flags, AnalysisFlags.WindowUpdate, "[TCP Window Update]");
        Add(notes, flags, AnalysisFlags.KeepAlive, "[TCP Keep-Alive]");
        Add(notes, flags, AnalysisFlags.KeepAliveAck, "[TCP Keep-Alive ACK]");
        Add(notes, flags, AnalysisFlags.ReusedPorts, "[TCP Port numbers reused]");
        return string.Join(' ', notes);
    }

    private static void Add(List<string> notes, AnalysisFlags flags, AnalysisFlags flag, string text)
    {
        if ((flags & flag) != 0)
        {
            notes.Add(text);
        }
    }
}
