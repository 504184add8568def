namespace TcpLens.Capture;

/// <summary>Why reading stopped before the end of a file.</summary>
public enum CaptureErrorKind
{
    /// <summary>The file ends in the middle of a record: everything before it was read.</summary>
    Truncated,
    /// <summary>A header or length field is impossible; nothing after it can be trusted.</summary>
    Corrupt,
    /// <summary>A valid construct tcplens does not read (for example an unknown format version).</summary>
    Unsupported,
    /// <summary>The operating system failed to read the file or the decompressor rejected it.</summary>
    Io,
}

/// <summary>
/// A problem that stopped reading a capture, with where it happened so a user can look at the
/// bytes: the frame number the record would have had and the byte offset of its header in the
/// (decompressed) file.
/// </summary>
public sealed record CaptureError(string File, CaptureErrorKind Kind, long FrameNumber, long ByteOffset, string Message)
{
    /// <summary>One line for a terminal, naming the file, frame and byte offset.</summary>
    public override string ToString() =>
        $"{File}: {KindText} at frame {FrameNumber}, byte offset {ByteOffset}: {Message}";

    private string KindText => Kind switch
    {
        CaptureErrorKind.Truncated => "truncated",
        CaptureErrorKind.Corrupt => "corrupt",
        CaptureErrorKind.Unsupported => "unsupported",
        _ => "read error",
    };
}

/// <summary>Thrown by <see cref="CaptureReader.Open(string)"/> when the file cannot be read as a capture at all.</summary>
public sealed class CaptureFormatException : Exception
{
    /// <summary>Creates the exception with a one-line message that names the file.</summary>
    public CaptureFormatException(string message) : base(message) { }

    /// <summary>Creates the exception with an inner cause.</summary>
    public CaptureFormatException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates the exception with no message.</summary>
    public CaptureFormatException() { }
}
