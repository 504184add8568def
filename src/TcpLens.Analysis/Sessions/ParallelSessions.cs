using System.Collections.Concurrent;
using TcpLens.Analysis.Streams;
using TcpLens.Capture;
using TcpLens.Capture.Decoding;

namespace TcpLens.Analysis.Sessions;

/// <summary>
/// Sessions computed on several cores with the same result as one: a reader thread decodes and
/// deals frames out by connection (all frames of a 5-tuple go to one worker), each worker runs
/// its own analysis, and the sessions are merged back in the order their streams were created.
/// Wireshark numbers streams in the order of the frames that create them, so a session's stream
/// index is its rank by first frame; expiry depends only on each conversation's own gaps, so the
/// split cannot change a verdict.
/// </summary>
internal sealed class ParallelSessions : IDisposable
{
    private const int BatchSize = 2048;
    private const int FlushEvery = 16384;

    private readonly CaptureReader _reader;
    private readonly AnalysisOptions? _options;
    private readonly Worker[] _workers;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly ConcurrentQueue<Session> _finished = new();
    private readonly PriorityQueue<Session, long> _pending = new();
    private Thread? _producer;
    private Exception? _failure;
    private int _emitted;

    public ParallelSessions(CaptureReader reader, AnalysisOptions? options, int workers)
    {
        _reader = reader;
        _options = options;
        _workers = new Worker[workers];
        for (int i = 0; i < workers; i++)
        {
            _workers[i] = new Worker(this);
        }
    }

    /// <summary>Time of the capture's first frame, once the reader has seen it.</summary>
    public Timestamp? FirstFrameTime { get; private set; }

    private sealed class Batch
    {
        public readonly ReadAheadDecoder.DecodedFrame[] Items = new ReadAheadDecoder.DecodedFrame[BatchSize];
        public int Count;
        public long Progress;   // every frame of this worker numbered below this has been sent
        public bool Last;
    }

    private sealed class Worker(ParallelSessions owner) : IDisposable
    {
        public readonly BlockingCollection<Batch> Queue = new(3);
        public readonly ConcurrentBag<Batch> Free = [];
        public Batch Current = new();
        public long Watermark;   // no unfinished session of this worker starts before this frame
        public Thread? Thread;

        public void Run()
        {
            var analyzer = new TcpAnalyzer(owner._options);
            var open = new Dictionary<int, SessionBuilder>();
            var openFirst = new SortedSet<long>();
            foreach (Batch batch in Queue.GetConsumingEnumerable(owner._stop.Token))
            {
                for (int i = 0; i < batch.Count; i++)
                {
                    ref ReadAheadDecoder.DecodedFrame f = ref batch.Items[i];
                    PacketAnalysis a = analyzer.Analyze(f.Number, f.Time.TotalNanoseconds, f.Segment);
                    if (!a.HasStream)
                    {
                        continue;
                    }
                    if (!open.TryGetValue(a.Stream, out SessionBuilder? builder))
                    {
                        builder = new SessionBuilder(a.Stream, f.Number, f.Time, f.Segment);
                        open.Add(a.Stream, builder);
                        openFirst.Add(f.Number);
                    }
                    builder.Add(f.Number, f.Time, f.WireLength, f.Segment, a);
                    Drain(analyzer, open, openFirst);
                }
                if (batch.Last)
                {
                    analyzer.EndAll();
                    Drain(analyzer, open, openFirst);
                }
                long progress = batch.Last ? long.MaxValue : batch.Progress;
                Volatile.Write(ref Watermark, openFirst.Count > 0 ? Math.Min(openFirst.Min, progress) : progress);
                batch.Count = 0;
                batch.Last = false;
                Free.Add(batch);
                owner._signal.Release();
            }
        }

        private void Drain(TcpAnalyzer analyzer, Dictionary<int, SessionBuilder> open, SortedSet<long> openFirst)
        {
            while (analyzer.TryTakeEndedStream(out int stream))
            {
                if (open.Remove(stream, out SessionBuilder? builder))
                {
                    Session s = builder.Build();
                    openFirst.Remove(s.FirstFrame);
                    owner._finished.Enqueue(s);
                }
            }
        }

        public Batch TakeFree() => Free.TryTake(out Batch? b) ? b : new Batch();

        public void Dispose() => Queue.Dispose();
    }

    /// <summary>The sessions in stream order, each as soon as it and every earlier one is known.</summary>
    public IEnumerable<Session> Sessions()
    {
        foreach (Worker w in _workers)
        {
            w.Thread = new Thread(() => Guard(w.Run)) { IsBackground = true, Name = "tcplens analysis" };
            w.Thread.Start();
        }
        _producer = new Thread(() => Guard(Produce)) { IsBackground = true, Name = "tcplens reader" };
        _producer.Start();
        while (true)
        {
            _signal.Wait();
            if (_failure is { } failure)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
            }
            while (_finished.TryDequeue(out Session? s))
            {
                _pending.Enqueue(s, s.FirstFrame);
            }
            long low = long.MaxValue;
            foreach (Worker w in _workers)
            {
                low = Math.Min(low, Volatile.Read(ref w.Watermark));
            }
            while (_pending.TryPeek(out Session? next, out long first) && first < low)
            {
                _pending.Dequeue();
                yield return next with { Stream = _emitted++ };
            }
            if (low == long.MaxValue && _pending.Count == 0 && _finished.IsEmpty)
            {
                yield break;
            }
        }
    }

    private void Guard(Action work)
    {
        try
        {
            work();
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            _failure ??= e;
            _signal.Release();
        }
    }

    private void Produce()
    {
        CancellationToken token = _stop.Token;
        long sinceFlush = 0;
        while (!token.IsCancellationRequested && _reader.TryRead(out CaptureFrame frame))
        {
            FirstFrameTime ??= frame.Time;
            DecodeOutcome outcome = PacketDecoder.Decode(frame, out TcpSegment segment);
            if (segment.HasFlags && (DecodeOutcomeNames.IsTcp(outcome) || outcome == DecodeOutcome.IcmpQuotedTcp))
            {
                var key = ConnectionKey.Create(segment.Source, segment.SourcePort, segment.Destination, segment.DestinationPort, out _);
                Worker w = _workers[(int)((uint)key.GetHashCode() % (uint)_workers.Length)];
                Batch b = w.Current;
                ref ReadAheadDecoder.DecodedFrame slot = ref b.Items[b.Count++];
                slot.Number = frame.Number;
                slot.Time = frame.Time;
                slot.WireLength = frame.OriginalLength;
                slot.Segment = segment;
                if (b.Count == BatchSize)
                {
                    Send(w, frame.Number + 1, last: false, token);
                }
            }
            if (++sinceFlush == FlushEvery)
            {
                // let workers that got nothing lately report progress too
                sinceFlush = 0;
                foreach (Worker w in _workers)
                {
                    Send(w, frame.Number + 1, last: false, token);
                }
            }
        }
        token.ThrowIfCancellationRequested();
        foreach (Worker w in _workers)
        {
            Send(w, long.MaxValue, last: true, token);
            w.Queue.CompleteAdding();
        }
    }

    private static void Send(Worker w, long progress, bool last, CancellationToken token)
    {
        Batch b = w.Current;
        b.Progress = progress;
        b.Last = last;
        w.Queue.Add(b, token);
        w.Current = w.TakeFree();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _producer?.Join();
        foreach (Worker w in _workers)
        {
            w.Thread?.Join();
            w.Dispose();
        }
        _stop.Dispose();
        _signal.Dispose();
    }
}
