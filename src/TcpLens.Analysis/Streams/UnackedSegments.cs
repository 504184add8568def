namespace TcpLens.Analysis.Streams;

/// <summary>
/// Segments sent in one direction and not yet acknowledged, oldest first in storage (Wireshark
/// walks them newest first: iterate from <see cref="Count"/> - 1 down). Arrays grow as needed and
/// are reused, so steady traffic allocates nothing.
/// </summary>
internal sealed class UnackedSegments
{
    public uint[] Seq = new uint[8];
    public uint[] NextSeq = new uint[8];
    public long[] Frame = new long[8];
    public long[] Time = new long[8];
    public bool[] Karn = new bool[8];
    public int Count;

    public void Add(uint seq, uint nextSeq, long frame, long time, bool karn)
    {
        if (Count == Seq.Length)
        {
            int size = Count * 2;
            Array.Resize(ref Seq, size);
            Array.Resize(ref NextSeq, size);
            Array.Resize(ref Frame, size);
            Array.Resize(ref Time, size);
            Array.Resize(ref Karn, size);
        }
        Seq[Count] = seq;
        NextSeq[Count] = nextSeq;
        Frame[Count] = frame;
        Time[Count] = time;
        Karn[Count] = karn;
        Count++;
    }

    public void RemoveAt(int i)
    {
        int tail = Count - i - 1;
        if (tail > 0)
        {
            Array.Copy(Seq, i + 1, Seq, i, tail);
            Array.Copy(NextSeq, i + 1, NextSeq, i, tail);
            Array.Copy(Frame, i + 1, Frame, i, tail);
            Array.Copy(Time, i + 1, Time, i, tail);
            Array.Copy(Karn, i + 1, Karn, i, tail);
        }
        Count--;
    }
}
