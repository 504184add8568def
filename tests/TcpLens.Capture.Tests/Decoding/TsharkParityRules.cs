namespace TcpLens.Capture.Tests.Decoding;

/// <summary>
/// The documented, deliberate differences between tshark's dissection and tcplens's decoder
/// (see docs/wireshark-parity.md). Each rule names why it exists.
/// </summary>
internal static class TsharkParityRules
{
    /// <summary>No tshark TCP frame is outside the decoder's scope at present.</summary>
    public static bool IsOutsideDecoderScope(Support.ReferenceRow row) => row is null;

    /// <summary>TCP headers quoted inside ICMP errors, which the decoder reports as <c>IcmpQuotedTcp</c>.</summary>
    public static bool IsIcmpQuoted(Support.ReferenceRow row) =>
        row["frame.protocols"].Contains(":icmp:", StringComparison.Ordinal)
        || row["frame.protocols"].Contains(":icmpv6:", StringComparison.Ordinal);

    /// <summary>tshark prints an out-of-range nanosecond field as "(N nanosec"; compare the normalised instant instead.</summary>
    public static string Time(Support.ReferenceRow row)
    {
        string t = row["frame.time_epoch"];
        int paren = t.IndexOf('(', StringComparison.Ordinal);
        if (paren < 0)
        {
            return t;
        }
        long secs = long.Parse(t[..(paren - 1)], System.Globalization.CultureInfo.InvariantCulture);
        long nanos = long.Parse(t[(paren + 1)..].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        return new Timestamp(secs, (int)nanos).ToString();
    }

    /// <summary>Frames tshark could not dissect as TCP although the header is whole (none known yet).</summary>
    public static bool TsharkDroppedFrame(string table, long frame) => false;
}
