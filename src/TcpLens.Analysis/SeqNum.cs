namespace TcpLens.Analysis;

/// <summary>
/// A 32-bit TCP sequence number compared in serial-number arithmetic (RFC 1982), so
/// comparisons stay right across the wrap at 2^32, as Wireshark's LT_SEQ/GT_SEQ do.
/// </summary>
public readonly record struct SeqNum(uint Value)
{
    /// <summary>Signed distance from <paramref name="b"/> to <paramref name="a"/> (positive when a is after b).</summary>
    public static int Distance(SeqNum a, SeqNum b) => unchecked((int)(a.Value - b.Value));

    /// <summary>a before b.</summary>
    public static bool operator <(SeqNum a, SeqNum b) => Distance(a, b) < 0;

    /// <summary>a after b.</summary>
    public static bool operator >(SeqNum a, SeqNum b) => Distance(a, b) > 0;

    /// <summary>a before or equal to b.</summary>
    public static bool operator <=(SeqNum a, SeqNum b) => Distance(a, b) <= 0;

    /// <summary>a after or equal to b.</summary>
    public static bool operator >=(SeqNum a, SeqNum b) => Distance(a, b) >= 0;

    /// <summary>Advances by a byte count, wrapping at 2^32.</summary>
    public static SeqNum operator +(SeqNum a, int bytes) => new(unchecked(a.Value + (uint)bytes));

    /// <summary>Moves back by a byte count, wrapping at 2^32.</summary>
    public static SeqNum operator -(SeqNum a, int bytes) => new(unchecked(a.Value - (uint)bytes));

    /// <summary>Named alternative to operator +.</summary>
    public SeqNum Add(int bytes) => this + bytes;

    /// <summary>Named alternative to operator -.</summary>
    public SeqNum Subtract(int bytes) => this - bytes;

    /// <summary>The raw value.</summary>
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
