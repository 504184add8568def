namespace TcpLens.Analysis.Streams;

/// <summary>One segment sent and not yet acknowledged (Wireshark's tcp_unacked_t).</summary>
internal struct UnackedSegment
{
    private const long KarnBit = long.MinValue;

    public uint Seq;
    public uint NextSeq;
    public long Time;
    // The frame number with the Karn mark in its top bit: 24 bytes an entry instead of 32.
    private long _frameAndKarn;

    public long Frame
    {
        readonly get => _frameAndKarn & long.MaxValue;
        set => _frameAndKarn = (_frameAndKarn & KarnBit) | value;
    }

    /// <summary>Sent again: an ACK of it is no RTT sample (Karn's algorithm).</summary>
    public bool Karn
    {
        readonly get => _frameAndKarn < 0;
        set => _frameAndKarn = value ? _frameAndKarn | KarnBit : _frameAndKarn & long.MaxValue;
    }
}

/// <summary>
/// Segments sent in one direction and not yet acknowledged, oldest first (Wireshark walks them
/// newest first: iterate from <see cref="Count"/> - 1 down). A ring buffer: the oldest entries,
/// which ACKs remove, go in O(1). It grows as needed and is reused, so steady traffic allocates
/// nothing.
/// <see cref="InOrder"/> says every entry starts at or after the previous entry's end (serial
/// order, no overlap), which lets the ACK walk and bytes in flight stop early with the same result.
/// The buffer is allocated on the first segment and given back when a closed connection has
/// nothing outstanding: thousands of connections are held at once, most of them quiet.
/// </summary>
internal sealed class UnackedSegments
{
    private UnackedSegment[] _items = [];
    private int _head;

    public int Count { get; private set; }

    /// <summary>Entries are in sequence order without overlap (true while empty).</summary>
    public bool InOrder { get; private set; } = true;

    /// <summary>The entry at logical index <paramref name="i"/> (0 = oldest).</summary>
    public ref UnackedSegment this[int i] => ref _items[(_head + i) & (_items.Length - 1)];

    public void Add(uint seq, uint nextSeq, long frame, long time, bool karn)
    {
        if (Count == _items.Length)
        {
            Grow();
        }
        if (Count > 0 && SeqNum.Distance(new SeqNum(seq), new SeqNum(this[Count - 1].NextSeq)) < 0)
        {
            InOrder = false;
        }
        ref UnackedSegment e = ref _items[(_head + Count) & (_items.Length - 1)];
        e.Seq = seq;
        e.NextSeq = nextSeq;
        e.Time = time;
        e.Karn = karn;
        e.Frame = frame;
        Count++;
    }

    public void RemoveAt(int i)
    {
        if (i == 0)
        {
            _head = (_head + 1) & (_items.Length - 1);
        }
        else
        {
            for (int k = i; k < Count - 1; k++)
            {
                this[k] = this[k + 1];
            }
        }
        Count--;
        if (Count == 0)
        {
            _head = 0;
            InOrder = true;
        }
    }

    /// <summary>Gives the buffer back once nothing is outstanding (called for closed connections).</summary>
    public void TrimIfEmpty()
    {
        if (Count == 0 && _items.Length > 0)
        {
            _items = [];
            _head = 0;
        }
    }

    private void Grow()
    {
        var bigger = new UnackedSegment[Math.Max(8, _items.Length * 2)];
        for (int k = 0; k < Count; k++)
        {
            bigger[k] = this[k];
        }
        _items = bigger;
        _head = 0;
    }
}
