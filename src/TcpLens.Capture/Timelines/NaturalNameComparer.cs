namespace TcpLens.Capture.Timelines;

/// <summary>
/// Orders file names the way people count: runs of digits compare as numbers, so tcpdump -C's
/// <c>cap.pcap, cap.pcap1, cap.pcap2, …, cap.pcap10</c> sort in the order they were written
/// (ordinal order would put <c>cap.pcap10</c> before <c>cap.pcap2</c>). Ties fall back to ordinal.
/// </summary>
public sealed class NaturalNameComparer : IComparer<string>
{
    /// <summary>The one instance.</summary>
    public static NaturalNameComparer Instance { get; } = new();

    private NaturalNameComparer()
    {
    }

    /// <inheritdoc/>
    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }
        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                int startX = i, startY = j;
                while (i < x.Length && char.IsAsciiDigit(x[i]))
                {
                    i++;
                }
                while (j < y.Length && char.IsAsciiDigit(y[j]))
                {
                    j++;
                }
                int byNumber = CompareDigits(x.AsSpan(startX, i - startX), y.AsSpan(startY, j - startY));
                if (byNumber != 0)
                {
                    return byNumber;
                }
                continue;
            }
            if (x[i] != y[j])
            {
                return x[i].CompareTo(y[j]);
            }
            i++;
            j++;
        }
        int byLength = (x.Length - i).CompareTo(y.Length - j);
        return byLength != 0 ? byLength : string.CompareOrdinal(x, y);
    }

    // Digit runs of any length (dumpcap's 14-digit dates overflow nothing): strip leading zeros, then longer is larger.
    private static int CompareDigits(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        a = a.TrimStart('0');
        b = b.TrimStart('0');
        return a.Length != b.Length ? a.Length.CompareTo(b.Length) : a.SequenceCompareTo(b);
    }
}
