namespace TcpLens.Analysis;

/// <summary>
/// Wireshark's <c>tcp.analysis.*</c> verdicts on one frame. The bit order is the fixed order of
/// the output contract, so listing set bits from low to high gives the contract's order.
/// </summary>
[Flags]
public enum AnalysisFlags : ushort
{
    /// <summary>No verdict.</summary>
    None = 0,
    /// <summary><c>tcp.analysis.retransmission</c>.</summary>
    Retransmission = 1 << 0,
    /// <summary><c>tcp.analysis.fast_retransmission</c> (Wireshark also sets retransmission).</summary>
    FastRetransmission = 1 << 1,
    /// <summary><c>tcp.analysis.spurious_retransmission</c> (Wireshark also sets retransmission).</summary>
    SpuriousRetransmission = 1 << 2,
    /// <summary><c>tcp.analysis.out_of_order</c>.</summary>
    OutOfOrder = 1 << 3,
    /// <summary><c>tcp.analysis.lost_segment</c>: previous segment not captured.</summary>
    LostSegment = 1 << 4,
    /// <summary><c>tcp.analysis.ack_lost_segment</c>: ACKed segment that wasn't captured.</summary>
    AckLostSegment = 1 << 5,
    /// <summary><c>tcp.analysis.duplicate_ack</c>.</summary>
    DuplicateAck = 1 << 6,
    /// <summary><c>tcp.analysis.zero_window</c>.</summary>
    ZeroWindow = 1 << 7,
    /// <summary><c>tcp.analysis.zero_window_probe</c>.</summary>
    ZeroWindowProbe = 1 << 8,
    /// <summary><c>tcp.analysis.zero_window_probe_ack</c>.</summary>
    ZeroWindowProbeAck = 1 << 9,
    /// <summary><c>tcp.analysis.window_full</c>.</summary>
    WindowFull = 1 << 10,
    /// <summary><c>tcp.analysis.window_update</c>.</summary>
    WindowUpdate = 1 << 11,
    /// <summary><c>tcp.analysis.keep_alive</c>.</summary>
    KeepAlive = 1 << 12,
    /// <summary><c>tcp.analysis.keep_alive_ack</c>.</summary>
    KeepAliveAck = 1 << 13,
    /// <summary><c>tcp.analysis.reused_ports</c>.</summary>
    ReusedPorts = 1 << 14,
}

/// <summary>Names of <see cref="AnalysisFlags"/> as Wireshark's field names without the <c>tcp.analysis.</c> prefix.</summary>
public static class AnalysisFlagNames
{
    private static readonly string[] Names =
    [
        "retransmission", "fast_retransmission", "spurious_retransmission", "out_of_order",
        "lost_segment", "ack_lost_segment", "duplicate_ack", "zero_window",
        "zero_window_probe", "zero_window_probe_ack", "window_full", "window_update",
        "keep_alive", "keep_alive_ack", "reused_ports",
    ];

    /// <summary>The field names in contract order.</summary>
    public static IReadOnlyList<string> All => Names;

    /// <summary>The field name of one flag bit.</summary>
    public static string Name(AnalysisFlags flag) => Names[System.Numerics.BitOperations.TrailingZeroCount((uint)flag)];

    /// <summary>Parses a field name (with or without the <c>tcp.analysis.</c> prefix).</summary>
    public static bool TryParse(string name, out AnalysisFlags flag)
    {
        ArgumentNullException.ThrowIfNull(name);
        string bare = name.StartsWith("tcp.analysis.", StringComparison.Ordinal) ? name["tcp.analysis.".Length..] : name;
        int i = Array.IndexOf(Names, bare);
        flag = i < 0 ? AnalysisFlags.None : (AnalysisFlags)(1 << i);
        return i >= 0;
    }

    /// <summary>The set flags joined by ';' in contract order (empty when none).</summary>
    public static string Join(AnalysisFlags flags)
    {
        if (flags == AnalysisFlags.None)
        {
            return "";
        }
        var parts = new List<string>(2);
        for (int i = 0; i < Names.Length; i++)
        {
            if (((int)flags & (1 << i)) != 0)
            {
                parts.Add(Names[i]);
            }
        }
        return string.Join(';', parts);
    }
}
