using TcpLens.Analysis.Sessions;
using TcpLens.Capture;
using TcpLens.Capture.Timelines;

namespace TcpLens.Analysis.Timelines;

/// <summary>
/// Several capture files analysed together: pieces of one rotation are one timeline (a
/// connection spanning two files is one session), independent captures are separate timelines
/// read in parallel. Results come timeline by timeline in plan order, identical whatever the
/// number of threads.
/// <code>
/// var set = CaptureSet.Plan(Directory.GetFiles("ring"));
/// foreach (TimelineSession s in set.Sessions(Environment.ProcessorCount)) { ... }
/// </code>
/// </summary>
public sealed class CaptureSet
{
    /// <summary>A set of the given timelines.</summary>
    public CaptureSet(IReadOnlyList<CaptureTimeline> timelines, AnalysisOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(timelines);
        Timelines = timelines;
        Options = options;
    }

    /// <summary>The files grouped by <see cref="CaptureTimeline.Plan"/>: rotations stitched, other files on their own.</summary>
    public static CaptureSet Plan(IReadOnlyList<string> files, AnalysisOptions? options = null) => new(CaptureTimeline.Plan(files), options);

    /// <summary>Every file on its own timeline, in the order given.</summary>
    public static CaptureSet EachFile(IReadOnlyList<string> files, AnalysisOptions? options = null) =>
        new([.. files.Select(f => new CaptureTimeline([f]))], options);

    /// <summary>All files as one timeline, in the order given.</summary>
    public static CaptureSet OneTimeline(IReadOnlyList<string> files, AnalysisOptions? options = null) =>
        new([new CaptureTimeline(files)], options);

    /// <summary>The timelines, in output order.</summary>
    public IReadOnlyList<CaptureTimeline> Timelines { get; }

    /// <summary>Analysis options for every timeline.</summary>
    public AnalysisOptions? Options { get; }

    /// <summary>
    /// Every session of every timeline, timeline by timeline, each in stream order. Timelines are
    /// analysed side by side on <paramref name="threads"/> threads (a single timeline uses them for
    /// <see cref="TcpCapture.Sessions(int)"/>). <paramref name="ended"/> hears how each timeline's
    /// reading went, after its last session. Stopping the enumeration early stops the reading.
    /// </summary>
    public IEnumerable<TimelineSession> Sessions(int threads, Action<TimelineEnd>? ended = null)
    {
        using var runner = new TimelineRunner<TimelineSession>(Timelines, threads, Options, (index, capture, workers, emit, token) =>
        {
            foreach (Session s in capture.Sessions(workers))
            {
                token.ThrowIfCancellationRequested();
                string file = capture.Reader.Files[capture.Reader.FileIndexOf(s.FirstFrame)];
                emit(new TimelineSession(index, s, file, capture.FirstFrameTime ?? s.Start));
            }
        });
        foreach (TimelineSession s in runner.Run(ended))
        {
            yield return s;
        }
    }

    /// <summary>
    /// Runs <paramref name="read"/> on every timeline, side by side on <paramref name="threads"/>
    /// threads: (timeline index, its capture, worker threads it may use). For work that keeps its
    /// own results, such as loading a database; returns how each timeline's reading went, in order.
    /// </summary>
    public IReadOnlyList<TimelineEnd> ForEach(int threads, Action<int, TcpCapture, int> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var ends = new List<TimelineEnd>(Timelines.Count);
        using var runner = new TimelineRunner<int>(Timelines, threads, Options, (index, capture, workers, _, _) => read(index, capture, workers));
        foreach (int _ in runner.Run(ends.Add))
        {
        }
        return ends;
    }
}
