namespace TcpLens.Results;

/// <summary>Suggestions for a mistyped name: the nearest by edit distance, when near enough to be a typo.</summary>
public static class Names
{
    /// <summary>The name in <paramref name="valid"/> nearest to <paramref name="given"/>, or null when none is close.</summary>
    public static string? Nearest(string given, IEnumerable<string> valid)
    {
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(valid);
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string v in valid)
        {
            int d = Distance(given, v);
            if (d < bestDistance)
            {
                (best, bestDistance) = (v, d);
            }
        }
        // a typo: at most a third of the name, and at most 3 edits
        return best is not null && bestDistance <= Math.Min(3, Math.Max(1, given.Length / 3)) ? best : null;
    }

    /// <summary>Edit distance (insertions, deletions, substitutions, and swaps of neighbours), case-insensitive.</summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (int j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 2]) && char.ToLowerInvariant(a[i - 2]) == char.ToLowerInvariant(b[j - 1]))
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }
}
