namespace TcpLens.Capture;

/// <summary>Container format of a capture file.</summary>
public enum CaptureContainer
{
    /// <summary>Classic libpcap format.</summary>
    Pcap,
    /// <summary>pcapng (next generation) format.</summary>
    PcapNg,
}

/// <summary>Compression wrapped around the capture file.</summary>
public enum CaptureCompression
{
    /// <summary>Plain file.</summary>
    None,
    /// <summary>gzip (one or more members).</summary>
    Gzip,
    /// <summary>Zstandard.</summary>
    Zstd,
}

/// <summary>What a capture file is, as recognised from its content.</summary>
public readonly record struct CaptureFormat(CaptureContainer Container, CaptureCompression Compression,
    bool BigEndian, bool Nanosecond)
{
    /// <summary>Short description such as <c>pcap-le-usec</c>, <c>pcapng</c> or <c>pcapng.zst</c>.</summary>
    public override string ToString()
    {
        string name = Container == CaptureContainer.Pcap
            ? $"pcap-{(BigEndian ? "be" : "le")}-{(Nanosecond ? "nsec" : "usec")}"
            : "pcapng";
        return Compression switch
        {
            CaptureCompression.Gzip => name + ".gz",
            CaptureCompression.Zstd => name + ".zst",
            _ => name,
        };
    }
}
