namespace TcpLens.Capture.Decoding;

/// <summary>The TCP header flag bits (RFC 9293, plus AE, the former NS bit).</summary>
[Flags]
public enum TcpFlags : ushort
{
    /// <summary>No flag.</summary>
    None = 0,
    /// <summary>FIN.</summary>
    Fin = 0x001,
    /// <summary>SYN.</summary>
    Syn = 0x002,
    /// <summary>RST.</summary>
    Rst = 0x004,
    /// <summary>PSH.</summary>
    Psh = 0x008,
    /// <summary>ACK.</summary>
    Ack = 0x010,
    /// <summary>URG.</summary>
    Urg = 0x020,
    /// <summary>ECN-Echo.</summary>
    Ece = 0x040,
    /// <summary>Congestion Window Reduced.</summary>
    Cwr = 0x080,
    /// <summary>Accurate ECN (formerly NS).</summary>
    Ae = 0x100,
    /// <summary>The three reserved bits, which Wireshark includes in <c>tcp.flags</c>.</summary>
    Reserved = 0xE00,
}

/// <summary>Text forms of <see cref="TcpFlags"/>.</summary>
public static class TcpFlagsText
{
    private static readonly string[] Letters = BuildLetters();

    /// <summary>
    /// Wireshark's <c>tcp.flags.str</c> letters without the dots, in the order CEUAPRSF
    /// (for example <c>AP</c>, <c>S</c>, <c>AS</c>); cached, so it does not allocate.
    /// </summary>
    public static string ToLetters(TcpFlags flags) => Letters[(int)flags & 0xFF];

    private static string[] BuildLetters()
    {
        var table = new string[256];
        const string order = "CEUAPRSF";
        for (int bits = 0; bits < 256; bits++)
        {
            var chars = new System.Text.StringBuilder(8);
            for (int i = 0; i < 8; i++)
            {
                if ((bits & (0x80 >> i)) != 0)
                {
                    chars.Append(order[i]);
                }
            }
            table[bits] = chars.ToString();
        }
        return table;
    }
}
