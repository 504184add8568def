namespace TcpLens.Capture;

/// <summary>
/// One record of a capture file. <see cref="Data"/> points into the reader's buffer and is
/// valid only until the next call to <see cref="CaptureReader.TryRead"/>.
/// </summary>
public readonly ref struct CaptureFrame
{
    /// <summary>Creates a frame view.</summary>
    public CaptureFrame(long number, Timestamp time, LinkType linkType, int interfaceIndex,
        int originalLength, long fileOffset, ReadOnlySpan<byte> data, bool hasTime = true)
    {
        HasTime = hasTime;
        Number = number;
        Time = time;
        LinkType = linkType;
        InterfaceIndex = interfaceIndex;
        OriginalLength = originalLength;
        FileOffset = fileOffset;
        Data = data;
    }

    /// <summary>Wireshark's <c>frame.number</c>: 1 for the first record of the file, counting every record.</summary>
    public long Number { get; }

    /// <summary>False when the record carries no timestamp (pcapng simple packet block); <see cref="Time"/> is then zero.</summary>
    public bool HasTime { get; }

    /// <summary>Wireshark's <c>frame.time_epoch</c>.</summary>
    public Timestamp Time { get; }

    /// <summary>Link type of the interface the frame was captured on.</summary>
    public LinkType LinkType { get; }

    /// <summary>Index of the interface in <see cref="CaptureReader.Interfaces"/> (0 for pcap).</summary>
    public int InterfaceIndex { get; }

    /// <summary>Length of the packet on the wire (<c>frame.len</c>).</summary>
    public int OriginalLength { get; }

    /// <summary>Offset of the record's header in the (decompressed) file.</summary>
    public long FileOffset { get; }

    /// <summary>The captured bytes (<c>frame.cap_len</c> of them).</summary>
    public ReadOnlySpan<byte> Data { get; }
}
