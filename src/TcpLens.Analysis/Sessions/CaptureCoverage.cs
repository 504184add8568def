namespace TcpLens.Analysis.Sessions;

/// <summary>
/// Which of one side's sequence space the capture holds, to find content gaps as Zeek does:
/// when the peer's acknowledgement moves over bytes the capture never had (lost before the
/// capture point, or cut by the snap length), that is one gap, and those bytes are "missed".
/// Keeps only ranges above the latest acknowledgement, merged, so it stays small.
/// </summary>
internal sealed class CaptureCoverage
{
    private readonly List<(uint Start, uint End)> _ranges = [];
    private uint _acked;
    private bool _ackKnown;

    /// <summary>Gaps seen so far (ACK advances that passed over missing bytes).</summary>
    public int Gaps { get; private set; }

    /// <summary>Bytes acknowledged that the capture never held.</summary>
    public long MissedBytes { get; private set; }

    /// <summary>Records <paramref name="length"/> captured sequence numbers from <paramref name="seq"/>.</summary>
    public void Add(uint seq, uint length)
    {
        if (length == 0 || (_ackKnown && SeqNum.Distance(new SeqNum(unchecked(seq + length)), new SeqNum(_acked)) <= 0))
        {
            return;
        }
        uint start = seq, end = unchecked(seq + length);
        // merge with every overlapping or touching range
        for (int i = _ranges.Count - 1; i >= 0; i--)
        {
            (uint s, uint e) = _ranges[i];
            if (SeqNum.Distance(new SeqNum(s), new SeqNum(end)) <= 0 && SeqNum.Distance(new SeqNum(start), new SeqNum(e)) <= 0)
            {
                if (SeqNum.Distance(new SeqNum(s), new SeqNum(start)) < 0)
                {
                    start = s;
                }
                if (SeqNum.Distance(new SeqNum(e), new SeqNum(end)) > 0)
                {
                    end = e;
                }
                _ranges.RemoveAt(i);
            }
        }
        _ranges.Add((start, end));
    }

    /// <summary>The peer acknowledged everything before <paramref name="ack"/>.</summary>
    public void Acknowledge(uint ack)
    {
        if (!_ackKnown)
        {
            _acked = ack;
            _ackKnown = true;
            Trim();
            return;
        }
        long advance = SeqNum.Distance(new SeqNum(ack), new SeqNum(_acked));
        if (advance <= 0)
        {
            return;
        }
        long held = 0;
        foreach ((uint s, uint e) in _ranges)
        {
            // the part of [s, e) inside [acked, ack)
            long from = Math.Max(0, SeqNum.Distance(new SeqNum(s), new SeqNum(_acked)));
            long to = Math.Min(advance, SeqNum.Distance(new SeqNum(e), new SeqNum(_acked)));
            held += Math.Max(0, to - from);
        }
        if (held < advance)
        {
            Gaps++;
            MissedBytes += advance - held;
        }
        _acked = ack;
        Trim();
    }

    private void Trim()
    {
        for (int i = _ranges.Count - 1; i >= 0; i--)
        {
            (uint s, uint e) = _ranges[i];
            if (SeqNum.Distance(new SeqNum(e), new SeqNum(_acked)) <= 0)
            {
                _ranges.RemoveAt(i);
            }
            else if (SeqNum.Distance(new SeqNum(s), new SeqNum(_acked)) < 0)
            {
                _ranges[i] = (_acked, e);
            }
        }
    }
}
