using System.Numerics;
using System.Runtime.CompilerServices;

namespace TcpLens.Analysis.Sessions;

/// <summary>How many frames carried each analysis flag (a frame with several flags counts for each).</summary>
public struct FlagCounts
{
    private Counts _counts;

    /// <summary>Frames that carried <paramref name="flag"/> (one flag bit).</summary>
    public readonly int this[AnalysisFlags flag] => _counts[BitOperations.TrailingZeroCount((uint)flag)];

    /// <summary>Counts every flag set in <paramref name="flags"/> once.</summary>
    public void Add(AnalysisFlags flags)
    {
        uint bits = (uint)flags;
        while (bits != 0)
        {
            _counts[BitOperations.TrailingZeroCount(bits)]++;
            bits &= bits - 1;
        }
    }

    /// <summary>The sum of two sets of counts.</summary>
    public static FlagCounts operator +(FlagCounts a, FlagCounts b)
    {
        var sum = default(FlagCounts);
        for (int i = 0; i < AnalysisFlagNames.All.Count; i++)
        {
            sum._counts[i] = a._counts[i] + b._counts[i];
        }
        return sum;
    }

    /// <summary>Named alternative to the + operator.</summary>
    public static FlagCounts Add(FlagCounts left, FlagCounts right) => left + right;

    [InlineArray(15)]
    private struct Counts
    {
        private int _first;
    }
}
