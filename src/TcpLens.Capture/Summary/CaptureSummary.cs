using TcpLens.Capture.Decoding;

namespace TcpLens.Capture.Summary;

/// <summary>What <c>tcplens info</c> reports about one capture file; figures agree with capinfos.</summary>
public sealed class CaptureSummary
{
    private readonly long[] _outcomes = new long[Enum.GetValues<DecodeOutcome>().Length];

    /// <summary>The file as named by the caller.</summary>
    public required string File { get; init; }

    /// <summary>Container and compression.</summary>
    public required CaptureFormat Format { get; init; }

    /// <summary>Interfaces of the file, in order.</summary>
    public IReadOnlyList<InterfaceInfo> Interfaces { get; internal set; } = [];

    /// <summary>Frames (records) read: Wireshark's frame count.</summary>
    public long Frames { get; internal set; }

    /// <summary>
    /// Frames Wireshark would dissect as TCP: complete headers plus damaged ones (which are also
    /// counted as decode problems). TCP headers quoted inside ICMP errors are not counted.
    /// </summary>
    public long TcpFrames => _outcomes[(int)DecodeOutcome.Tcp] + _outcomes[(int)DecodeOutcome.TruncatedTcpHeader]
        + _outcomes[(int)DecodeOutcome.MalformedTcpHeader];

    /// <summary>Sum of the frames' lengths on the wire (capinfos "Data size").</summary>
    public long WireBytes { get; internal set; }

    /// <summary>Sum of the bytes actually captured.</summary>
    public long CapturedBytes { get; internal set; }

    /// <summary>Earliest frame timestamp, or null without frames.</summary>
    public Timestamp? First { get; internal set; }

    /// <summary>Latest frame timestamp, or null without frames.</summary>
    public Timestamp? Last { get; internal set; }

    /// <summary>Frames without a timestamp (pcapng simple packet blocks); they do not count for first/last.</summary>
    public long FramesWithoutTime { get; internal set; }

    /// <summary>True when no frame is earlier than the one before it.</summary>
    public bool StrictTimeOrder { get; internal set; } = true;

    /// <summary>Why reading stopped early, or null.</summary>
    public CaptureError? Error { get; internal set; }

    /// <summary>Seconds between the earliest and the latest frame.</summary>
    public double DurationSeconds => First is { } f && Last is { } l ? l - f : 0;

    /// <summary>Duration in nanoseconds, exact.</summary>
    public Int128 DurationNanoseconds => First is { } f && Last is { } l ? l.ExactNanoseconds - f.ExactNanoseconds : 0;

    /// <summary>Frames that ended with each decode outcome.</summary>
    public long Count(DecodeOutcome outcome) => _outcomes[(int)outcome];

    /// <summary>TCP frames with a malformed option (a cut by the snap length is not counted).</summary>
    public long TcpOptionProblems { get; internal set; }

    /// <summary>Decode problems by kind (only kinds that occurred), in a fixed order.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Problems
    {
        get
        {
            var list = new List<KeyValuePair<string, long>>();
            foreach (DecodeOutcome o in Enum.GetValues<DecodeOutcome>())
            {
                if (DecodeOutcomeNames.IsProblem(o) && _outcomes[(int)o] > 0)
                {
                    list.Add(new(DecodeOutcomeNames.Name(o), _outcomes[(int)o]));
                }
            }
            if (TcpOptionProblems > 0)
            {
                list.Add(new("bad_tcp_options", TcpOptionProblems));
            }
            return list;
        }
    }

    internal void Add(DecodeOutcome outcome) => _outcomes[(int)outcome]++;
}
