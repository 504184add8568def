namespace TcpLens.Analysis.Sessions;

/// <summary>
/// Which of one side's sequence space the capture holds, to find content gaps as Zeek does:
/// when the peer's acknowledgement moves over bytes the capture never had (lost before the
/// capture point, or cut by the snap length), that is one gap, and those bytes are "missed".
/// Ranges above the latest acknowledgement are kept merged and in order (serial arithmetic), so
/// in-order data is one range that grows at its end and ACKs trim it at its start.
/// </summary>
internal sealed class CaptureCoverage
{
    private readonly RangeQueue _ranges = new();
    private uint _acked;
    private bool _ackKnown;

    /// <summary>Gaps seen so far (ACK advances that passed over missing bytes).</summary>
    public int Gaps { get; private set; }

    /// <summary>Bytes acknowledged that the capture never held.</summary>
    public long MissedBytes { get; private set; }

    /// <summary>Records <paramref name="length"/> captured sequence numbers from <paramref name="seq"/>.</summary>
    public void Add(uint seq, uint length)
    {
        uint end = unchecked(seq + length);
        if (length == 0 || (_ackKnown && Before(end, _acked, orEqual: true)))
        {
            return;
        }
        int n = _ranges.Count;
        if (n > 0)
        {
            (uint s, uint e) = _ranges[n - 1];
            if (seq == e)
            {
                _ranges[n - 1] = (s, end);   // the usual case: the next bytes in order
                return;
            }
            if (Before(e, seq, orEqual: false))
            {
                _ranges.Add((seq, end));
                return;
            }
        }
        else
        {
            _ranges.Add((seq, end));
            return;
        }
        // out of order or overlapping: insert, then merge neighbours
        int at = 0;
        while (at < _ranges.Count && Before(_ranges[at].Start, seq, orEqual: true))
        {
            at++;
        }
        _ranges.Insert(at, (seq, end));
        int i = Math.Max(0, at - 1);
        while (i + 1 < _ranges.Count)
        {
            (uint s1, uint e1) = _ranges[i];
            (uint s2, uint e2) = _ranges[i + 1];
            if (Before(e1, s2, orEqual: false))
            {
                if (i >= at)
                {
                    break;
                }
                i++;
                continue;
            }
            _ranges[i] = (s1, Before(e1, e2, orEqual: false) ? e2 : e1);
            _ranges.RemoveAt(i + 1);
        }
    }

    /// <summary>The peer acknowledged everything before <paramref name="ack"/>.</summary>
    public void Acknowledge(uint ack)
    {
        if (!_ackKnown)
        {
            _acked = ack;
            _ackKnown = true;
            TrimBelow(ack);
            return;
        }
        long advance = SeqNum.Distance(new SeqNum(ack), new SeqNum(_acked));
        if (advance <= 0)
        {
            return;
        }
        long held = 0;
        for (int k = 0; k < _ranges.Count; k++)
        {
            (uint s, uint e) = _ranges[k];
            long from = Math.Max(0, SeqNum.Distance(new SeqNum(s), new SeqNum(_acked)));
            if (from >= advance)
            {
                break;   // ranges are in order: nothing further is below the ACK
            }
            long to = Math.Min(advance, SeqNum.Distance(new SeqNum(e), new SeqNum(_acked)));
            held += Math.Max(0, to - from);
        }
        if (held < advance)
        {
            Gaps++;
            MissedBytes += advance - held;
        }
        _acked = ack;
        TrimBelow(ack);
    }

    private void TrimBelow(uint ack)
    {
        int drop = 0;
        while (drop < _ranges.Count && Before(_ranges[drop].End, ack, orEqual: true))
        {
            drop++;
        }
        if (drop > 0)
        {
            _ranges.RemoveFirst(drop);
        }
        if (_ranges.Count > 0 && Before(_ranges[0].Start, ack, orEqual: false))
        {
            _ranges[0] = (ack, _ranges[0].End);
        }
    }

    private static bool Before(uint a, uint b, bool orEqual)
    {
        int d = SeqNum.Distance(new SeqNum(a), new SeqNum(b));
        return orEqual ? d <= 0 : d < 0;
    }

    /// <summary>
    /// The ranges, oldest first, in a ring: ACKs remove from the front in O(1), in-order data
    /// appends at the back (with a snap length that cuts payload every segment is its own range).
    /// </summary>
    private sealed class RangeQueue
    {
        // allocated on the first range: most directions of most connections never need one
        private (uint Start, uint End)[] _items = [];
        private int _head;

        public int Count { get; private set; }

        public (uint Start, uint End) this[int i]
        {
            get => _items[(_head + i) & (_items.Length - 1)];
            set => _items[(_head + i) & (_items.Length - 1)] = value;
        }

        public void Add((uint Start, uint End) range)
        {
            if (Count == _items.Length)
            {
                Grow();
            }
            this[Count++] = range;
        }

        public void Insert(int at, (uint Start, uint End) range)
        {
            Add(range);
            for (int k = Count - 1; k > at; k--)
            {
                this[k] = this[k - 1];
            }
            this[at] = range;
        }

        public void RemoveAt(int at)
        {
            for (int k = at; k < Count - 1; k++)
            {
                this[k] = this[k + 1];
            }
            Count--;
        }

        public void RemoveFirst(int n)
        {
            _head = (_head + n) & (_items.Length - 1);
            Count -= n;
            if (Count == 0)
            {
                _head = 0;
            }
        }

        private void Grow()
        {
            var bigger = new (uint, uint)[Math.Max(4, _items.Length * 2)];
            for (int k = 0; k < Count; k++)
            {
                bigger[k] = this[k];
            }
            _items = bigger;
            _head = 0;
        }
    }
}
