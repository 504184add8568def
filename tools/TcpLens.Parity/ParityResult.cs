namespace TcpLens.Parity;

/// <summary>How one capture's analysis agrees with its tshark reference table.</summary>
public sealed class ParityResult(string capture)
{
    private readonly int[] _mismatchCounts = new int[Enum.GetValues<ParityField>().Length];

    /// <summary>Capture file name.</summary>
    public string Capture { get; } = capture;

    /// <summary>Frames tshark dissected as TCP (rows of the reference table).</summary>
    public int TcpFrames { get; set; }

    /// <summary>Reference frames tcplens did not report as TCP.</summary>
    public int MissingFrames { get; set; }

    /// <summary>Frames tcplens reported as TCP that tshark did not.</summary>
    public int ExtraFrames { get; set; }

    /// <summary>Where reading stopped early, if it did.</summary>
    public string? ReadError { get; set; }

    /// <summary>Every disagreement, in frame order.</summary>
    public List<ParityMismatch> Mismatches { get; } = [];

    /// <summary>Frames that disagree on one field.</summary>
    public int MismatchCount(ParityField field) => _mismatchCounts[(int)field];

    /// <summary>Records one disagreement.</summary>
    public void Add(ParityMismatch mismatch)
    {
        Mismatches.Add(mismatch);
        _mismatchCounts[(int)mismatch.Field]++;
    }

    /// <summary>True when every field of every frame agrees.</summary>
    public bool Identical => Mismatches.Count == 0 && MissingFrames == 0 && ExtraFrames == 0;
}
