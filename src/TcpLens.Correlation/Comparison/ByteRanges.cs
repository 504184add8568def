namespace TcpLens.Correlation.Comparison;

/// <summary>
/// Byte ranges of one direction of one connection seen at one point, merged, on a 64-bit
/// unwrapped sequence axis: whether a frame's bytes arrived even when the other point saw them
/// cut into other segments (TSO/GRO at a capture host, a middlebox that resegments).
/// In-order data is one range; each hole adds one.
/// </summary>
internal sealed class ByteRanges
{
    private readonly List<(long Start, long End)> _ranges = [];

    /// <summary>Adds [start, end).</summary>
    public void Add(long start, long end)
    {
        if (end <= start)
        {
            return;
        }
        int i = _ranges.Count;
        // most data arrives in order: it extends the last range
        if (i > 0 && _ranges[i - 1].Start <= start && start <= _ranges[i - 1].End)
        {
            _ranges[i - 1] = (_ranges[i - 1].Start, Math.Max(end, _ranges[i - 1].End));
            return;
        }
        int at = _ranges.FindIndex(r => r.End >= start);
        if (at < 0)
        {
            _ranges.Add((start, end));
            return;
        }
        long s = Math.Min(start, _ranges[at].Start), e = end;
        int last = at;
        while (last < _ranges.Count && _ranges[last].Start <= end)
        {
            e = Math.Max(e, _ranges[last].End);
            last++;
        }
        if (last == at)
        {
            _ranges.Insert(at, (start, end));
            return;
        }
        _ranges.RemoveRange(at, last - at);
        _ranges.Insert(at, (s, e));
    }

    /// <summary>True when every byte of [start, end) was seen.</summary>
    public bool Covers(long start, long end)
    {
        foreach ((long s, long e) in _ranges)
        {
            if (s <= start && end <= e)
            {
                return true;
            }
        }
        return false;
    }
}
