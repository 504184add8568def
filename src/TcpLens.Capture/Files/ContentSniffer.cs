using System.IO.Compression;

namespace TcpLens.Capture.Files;

/// <summary>
/// Recognises what a file is from its first bytes, never from its name (captures named
/// <c>.pcap</c> are often pcapng, and compressed ones often lack <c>.gz</c>).
/// </summary>
internal static class ContentSniffer
{
    public const int MagicLength = 4;

    /// <summary>Compression recognised from the first bytes, or an error naming an unsupported one.</summary>
    public static CaptureCompression DetectCompression(ReadOnlySpan<byte> head, out string? unsupported)
    {
        unsupported = null;
        if (head.Length >= 2 && head[0] == 0x1F && head[1] == 0x8B)
        {
            return CaptureCompression.Gzip;
        }
        if (head.Length >= 4 && head[0] == 0x28 && head[1] == 0xB5 && head[2] == 0x2F && head[3] == 0xFD)
        {
            return CaptureCompression.Zstd;
        }
        if (head.Length >= 4 && head[0] == 0x04 && head[1] == 0x22 && head[2] == 0x4D && head[3] == 0x18)
        {
            unsupported = "lz4-compressed; decompress it first (lz4 -d)";
        }
        else if (head.Length >= 4 && head[0] == 0xFD && head[1] == 0x37 && head[2] == 0x7A && head[3] == 0x58)
        {
            unsupported = "xz-compressed; decompress it first (xz -d)";
        }
        else if (head.Length >= 3 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h')
        {
            unsupported = "bzip2-compressed; decompress it first (bunzip2)";
        }
        else if (head.Length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4)
        {
            unsupported = "a zip archive; extract the capture first";
        }
        return CaptureCompression.None;
    }

    public static Stream Decompress(Stream raw, CaptureCompression compression) => compression switch
    {
        CaptureCompression.Gzip => new GZipStream(raw, CompressionMode.Decompress),
        CaptureCompression.Zstd => new ZstdSharp.DecompressionStream(raw),
        _ => raw,
    };

    public static string Describe(ReadOnlySpan<byte> head) =>
        head.Length == 0 ? "the file is empty" : "it starts with 0x" + Convert.ToHexString(head);
}
