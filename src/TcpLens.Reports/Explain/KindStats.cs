namespace TcpLens.Reports.Explain;

/// <summary>What one episode (or a merge of episodes) holds of one kind of event: counts, frames, bytes and timings.</summary>
internal sealed class KindStats(AnomalyKind kind)
{
    /// <summary>Frames listed one by one at most; more are told as a range.</summary>
    public const int FramesListed = 6;

    public AnomalyKind Kind { get; } = kind;

    public int Count { get; private set; }

    public long FirstFrame { get; private set; }

    public long LastFrame { get; private set; }

    /// <summary>The first frames, up to <see cref="FramesListed"/>.</summary>
    public List<long> Frames { get; } = [];

    /// <summary>Payload bytes of the frames (or of the gaps, for lost segments).</summary>
    public long Bytes { get; private set; }

    /// <summary>Relative sequence numbers covered, when any frame had bytes.</summary>
    public bool HasRange { get; private set; }

    public uint SeqLow { get; private set; }

    public uint SeqHigh { get; private set; }

    /// <summary>The timing that explains the kind (since the original, since the trigger, until the repair), min and max.</summary>
    public long DelayMin { get; private set; } = long.MaxValue;

    public long DelayMax { get; private set; } = long.MinValue;

    public bool HasDelay => DelayMax >= 0 && DelayMin != long.MaxValue;

    /// <summary>A count the kind carries along: duplicate ACKs before the resends, SACK-carrying ACKs, earlier timeouts.</summary>
    public long Extra { get; set; }

    /// <summary>For duplicate ACKs: the ACK number the first of them repeated.</summary>
    public uint FirstAck { get; private set; }

    /// <summary>For duplicate ACKs: all repeated the same ACK number.</summary>
    public bool SameAck { get; private set; } = true;

    public void Acks(uint ack)
    {
        if (Count == 1)
        {
            FirstAck = ack;
        }
        else if (ack != FirstAck)
        {
            SameAck = false;
        }
    }

    /// <summary>For resends: how many had no captured original (the delay is then from the gap showing).</summary>
    public int OriginalsUncaptured { get; set; }

    /// <summary>For lost segments: gaps whose size is known (bytes missing before the segment).</summary>
    public int SizedGaps { get; set; }

    /// <summary>Frames of the kind that carried SACK blocks.</summary>
    public int WithSack { get; set; }

    /// <summary>For copies: the original of the first one and its IP ID (-1 when compared by timestamp or timing).</summary>
    public long ExampleOriginal { get; set; }

    public int ExampleIpId { get; set; } = -1;

    /// <summary>For resends: the lowest timeout floor the connection's samples allowed when one of them was judged.</summary>
    public long FloorNs { get; private set; } = long.MaxValue;

    public void Floor(long ns) => FloorNs = Math.Min(FloorNs, ns);

    /// <summary>For lost segments Wireshark flagged without missing bytes: how many followed a zero-window probe.</summary>
    public int AfterProbe { get; set; }

    /// <summary>For ACKs of unseen data: how many covered only bytes the capture holds (Wireshark's bookkeeping, nothing missed).</summary>
    public int NothingMissing { get; set; }

    /// <summary>For zero windows: how many times the window closed (repeats while closed are one closure).</summary>
    public int Closures { get; set; }

    /// <summary>For resends: how many resent bytes that had been resent before (the delay is then from the previous resend).</summary>
    public int Repeats { get; set; }

    /// <summary>For spurious retransmissions: how many a timer sent (a timeout, a tail-loss probe) because the ACKs never reached the sender.</summary>
    public int SpuriousTimeouts { get; set; }

    public int SpuriousProbes { get; set; }

    /// <summary>For resends: how many Wireshark flagged out_of_order rather than retransmission (a resend by its IP ID or timestamp).</summary>
    public int FlaggedOutOfOrder { get; set; }

    /// <summary>For resends prompted by duplicate ACKs: the fewest and most before one resend.</summary>
    public int TriggerMin { get; private set; } = int.MaxValue;

    public int TriggerMax { get; private set; } = -1;

    public void Trigger(int dupAcks)
    {
        TriggerMin = Math.Min(TriggerMin, dupAcks);
        TriggerMax = Math.Max(TriggerMax, dupAcks);
    }

    // for lost segments: how each gap was settled
    public int Repaired { get; set; }
    public int MissedByCapture { get; set; }
    public int FilledLate { get; set; }
    public int FilledUnclear { get; set; }
    public long RepairMin { get; set; } = long.MaxValue;
    public long RepairMax { get; set; } = long.MinValue;
    public long SlowestRepairFrame { get; set; }

    public void Add(long frame, long bytes, uint seq, uint end)
    {
        if (Count == 0)
        {
            FirstFrame = frame;
        }
        Count++;
        LastFrame = Math.Max(LastFrame, frame);
        if (Frames.Count < FramesListed)
        {
            Frames.Add(frame);
        }
        Bytes += bytes;
        if (bytes > 0)
        {
            Cover(seq, end);
        }
    }

    public void Delay(long ns)
    {
        DelayMin = Math.Min(DelayMin, ns);
        DelayMax = Math.Max(DelayMax, ns);
    }

    public void Repair(long ns, long frame)
    {
        Repaired++;
        RepairMin = Math.Min(RepairMin, ns);
        if (ns > RepairMax)
        {
            RepairMax = ns;
            SlowestRepairFrame = frame;
        }
    }

    private void Cover(uint seq, uint end)
    {
        if (!HasRange)
        {
            (SeqLow, SeqHigh, HasRange) = (seq, end, true);
            return;
        }
        if ((int)(seq - SeqLow) < 0)
        {
            SeqLow = seq;
        }
        if ((int)(end - SeqHigh) > 0)
        {
            SeqHigh = end;
        }
    }

    /// <summary>Adds another episode's events of the same kind.</summary>
    public void Merge(KindStats o)
    {
        if (o.Count == 0)
        {
            return;
        }
        if (Count == 0 || o.FirstFrame < FirstFrame)
        {
            FirstFrame = o.FirstFrame;
        }
        LastFrame = Math.Max(LastFrame, o.LastFrame);
        foreach (long f in o.Frames)
        {
            if (Frames.Count < FramesListed)
            {
                Frames.Add(f);
            }
        }
        Frames.Sort();
        Count += o.Count;
        Bytes += o.Bytes;
        if (o.HasRange)
        {
            Cover(o.SeqLow, o.SeqHigh);
        }
        DelayMin = Math.Min(DelayMin, o.DelayMin);
        DelayMax = Math.Max(DelayMax, o.DelayMax);
        Extra += o.Extra;
        WithSack += o.WithSack;
        OriginalsUncaptured += o.OriginalsUncaptured;
        SizedGaps += o.SizedGaps;
        if (Count == o.Count)
        {
            FirstAck = o.FirstAck;
            SameAck = o.SameAck;
        }
        else if (!o.SameAck || o.FirstAck != FirstAck)
        {
            SameAck = false;
        }
        if (ExampleOriginal == 0)
        {
            (ExampleOriginal, ExampleIpId) = (o.ExampleOriginal, o.ExampleIpId);
        }
        Repaired += o.Repaired;
        MissedByCapture += o.MissedByCapture;
        FilledLate += o.FilledLate;
        FilledUnclear += o.FilledUnclear;
        FlaggedOutOfOrder += o.FlaggedOutOfOrder;
        FloorNs = Math.Min(FloorNs, o.FloorNs);
        SpuriousTimeouts += o.SpuriousTimeouts;
        Repeats += o.Repeats;
        AfterProbe += o.AfterProbe;
        NothingMissing += o.NothingMissing;
        Closures += o.Closures;
        SpuriousProbes += o.SpuriousProbes;
        TriggerMin = Math.Min(TriggerMin, o.TriggerMin);
        TriggerMax = Math.Max(TriggerMax, o.TriggerMax);
        RepairMin = Math.Min(RepairMin, o.RepairMin);
        if (o.RepairMax > RepairMax)
        {
            RepairMax = o.RepairMax;
            SlowestRepairFrame = o.SlowestRepairFrame;
        }
    }
}
