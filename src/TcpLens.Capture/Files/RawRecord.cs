namespace TcpLens.Capture.Files;

/// <summary>Where a packet record sits in the window, before it is handed out as a frame.</summary>
internal struct RawRecord
{
    public Timestamp Time;
    /// <summary>False for pcapng simple packet blocks, which carry no timestamp.</summary>
    public bool HasTime;
    public LinkType LinkType;
    public int InterfaceIndex;
    public int OriginalLength;
    public int CapturedLength;
    /// <summary>Offset of the packet bytes from the start of the window's unconsumed bytes.</summary>
    public int DataOffset;
    /// <summary>Bytes to consume once the frame has been used (header, data, padding, trailer).</summary>
    public int RecordLength;
}

/// <summary>Outcome of asking a format reader for its next block.</summary>
internal enum ReadStatus
{
    /// <summary>A packet record is ready.</summary>
    Frame,
    /// <summary>A block that is not a packet was consumed; ask again.</summary>
    Skipped,
    /// <summary>Clean end of file at a record boundary.</summary>
    End,
    /// <summary>Reading stopped; the reader's error says why.</summary>
    Error,
}

/// <summary>Problem found by a format reader, turned into a <see cref="CaptureError"/> by the caller.</summary>
internal readonly record struct FormatProblem(CaptureErrorKind Kind, string Message);

/// <summary>One container format's record framing.</summary>
internal abstract class FormatReader
{
    /// <summary>The problem that made <see cref="ReadNext"/> return <see cref="ReadStatus.Error"/>.</summary>
    public FormatProblem Problem { get; protected set; }

    /// <summary>Interfaces seen so far (pcap has exactly one).</summary>
    public List<InterfaceInfo> Interfaces { get; } = [];

    /// <summary>Reads the next block at the window's position without consuming a packet record.</summary>
    public abstract ReadStatus ReadNext(ByteWindow window, ref RawRecord record);

    protected ReadStatus Fail(CaptureErrorKind kind, string message)
    {
        Problem = new FormatProblem(kind, message);
        return ReadStatus.Error;
    }
}
