using System.Collections.Concurrent;
using TcpLens.Capture;
using TcpLens.Capture.Timelines;

namespace TcpLens.Analysis.Timelines;

/// <summary>
/// Analyses independent timelines on several threads and hands their results over in timeline
/// order, so the output is the same whatever the number of threads. Timelines start in order and
/// each one's results wait in a bounded queue until the consumer reaches it: memory stays bounded
/// and the consumer's current timeline has always started, so the order cannot deadlock.
/// </summary>
internal sealed class TimelineRunner<T> : IDisposable
{
    private const int QueueCapacity = 65_536;

    private readonly IReadOnlyList<CaptureTimeline> _timelines;
    private readonly AnalysisOptions? _options;
    private readonly Action<int, TcpCapture, int, Action<T>, CancellationToken> _work;
    private readonly Slot[] _slots;
    private readonly SemaphoreSlim _running;
    private readonly CancellationTokenSource _stop = new();
    private readonly int _workersEach;
    private Thread? _dispatcher;

    private sealed class Slot : IDisposable
    {
        public readonly BlockingCollection<T> Items = new(QueueCapacity);
        public TimelineEnd? End;
        public Exception? Failure;
        public Thread? Thread;

        public void Dispose() => Items.Dispose();
    }

    /// <param name="timelines">The timelines, in output order.</param>
    /// <param name="threads">Cores to use in all: timelines run side by side, and a timeline alone gets them all.</param>
    /// <param name="options">Analysis options for every timeline.</param>
    /// <param name="work">Reads one timeline: (index, its capture, worker threads it may use, emit, stop).</param>
    public TimelineRunner(IReadOnlyList<CaptureTimeline> timelines, int threads, AnalysisOptions? options,
        Action<int, TcpCapture, int, Action<T>, CancellationToken> work)
    {
        _timelines = timelines;
        _options = options;
        _work = work;
        _slots = [.. timelines.Select(_ => new Slot())];
        int side = Math.Clamp(timelines.Count, 1, Math.Max(1, threads));
        _running = new SemaphoreSlim(side);
        _workersEach = Math.Max(1, threads / side);
    }

    /// <summary>The items of every timeline, timeline by timeline; <paramref name="ended"/> is called after each timeline's last item.</summary>
    public IEnumerable<T> Run(Action<TimelineEnd>? ended)
    {
        _dispatcher = new Thread(Dispatch) { IsBackground = true, Name = "tcplens timelines" };
        _dispatcher.Start();
        for (int i = 0; i < _slots.Length; i++)
        {
            Slot slot = _slots[i];
            foreach (T item in slot.Items.GetConsumingEnumerable(_stop.Token))
            {
                yield return item;
            }
            if (slot.Failure is { } failure)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
            }
            ended?.Invoke(slot.End!);
        }
    }

    private void Dispatch()
    {
        try
        {
            for (int i = 0; i < _slots.Length; i++)
            {
                _running.Wait(_stop.Token);
                int index = i;
                var thread = new Thread(() => RunOne(index)) { IsBackground = true, Name = "tcplens timeline" };
                _slots[index].Thread = thread;
                thread.Start();
            }
        }
        catch (OperationCanceledException)
        {
            // the consumer stopped early
        }
    }

    private void RunOne(int index)
    {
        Slot slot = _slots[index];
        CancellationToken token = _stop.Token;
        try
        {
            TcpCapture capture;
            try
            {
                capture = TcpCapture.Open(_timelines[index].Files, _options);
            }
            catch (CaptureFormatException e)
            {
                slot.End = new TimelineEnd(index, [], [], 0, e.Message);
                return;
            }
            using (capture)
            {
                _work(index, capture, _workersEach, item => slot.Items.Add(item, token), token);
                slot.End = new TimelineEnd(index, [.. capture.Reader.Files], [.. capture.Reader.Errors], capture.Reader.FramesRead, null);
            }
        }
        catch (OperationCanceledException)
        {
            // the consumer stopped early
        }
        catch (Exception e)
        {
            slot.Failure = e;
        }
        finally
        {
            slot.Items.CompleteAdding();
            _running.Release();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _dispatcher?.Join();
        // timeline threads see the cancellation at their next item
        foreach (Slot slot in _slots)
        {
            slot.Thread?.Join();
            slot.Dispose();
        }
        _running.Dispose();
        _stop.Dispose();
    }
}
