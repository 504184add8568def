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

    /// <summary>Levenshtein distance (insertions, deletions, substitutions), case-insensitive.</summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }
        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
