using System.Collections.Concurrent;
using TcpLens.Capture;
using TcpLens.Capture.Decoding;

namespace TcpLens.Analysis;

/// <summary>
/// Reads and decodes a capture on a second thread, one batch ahead of the analysis: the TCP
/// frames go into a few reused batches (nothing is allocated per frame), handed over in order, so
/// results are the same as reading on one thread.
/// </summary>
internal sealed class ReadAheadDecoder : IDisposable
{
    private const int BatchSize = 2048;
    private const int Batches = 4;

    private readonly CaptureReader _reader;
    private readonly BlockingCollection<Batch> _full = new(Batches);
    private readonly BlockingCollection<Batch> _free = new(Batches);
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private Batch? _current;
    private int _index;
    private bool _done;

    internal struct DecodedFrame
    {
        public long Number;
        public Timestamp Time;
        public int WireLength;
        public TcpSegment Segment;
    }

    private sealed class Batch
    {
        public readonly DecodedFrame[] Items = new DecodedFrame[BatchSize];
        public int Count;
        public bool Last;
        public Timestamp? FirstFrameTime;
        public Exception? Failure;
    }

    public ReadAheadDecoder(CaptureReader reader)
    {
        _reader = reader;
        for (int i = 0; i < Batches; i++)
        {
            _free.Add(new Batch());
        }
        _thread = new Thread(Produce) { IsBackground = true, Name = "tcplens read-ahead" };
        _thread.Start();
    }

    /// <summary>Time of the capture's first frame, known once the first batch has arrived.</summary>
    public Timestamp? FirstFrameTime { get; private set; }

    /// <summary>The next TCP frame, by reference into the current batch (valid until the next call).</summary>
    public bool TryNext(out int index, out DecodedFrame[] items)
    {
        while (true)
        {
            if (_current is { } batch && _index < batch.Count)
            {
                index = _index++;
                items = batch.Items;
                return true;
            }
            if (_done)
            {
                index = 0;
                items = [];
                return false;
            }
            if (_current is not null)
            {
                _free.Add(_current);
                _current = null;
            }
            Batch next = _full.Take();
            FirstFrameTime ??= next.FirstFrameTime;
            if (next.Failure is { } failure)
            {
                _done = true;
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
            }
            _done = next.Last;
            _current = next;
            _index = 0;
        }
    }

    private void Produce()
    {
        Batch? batch = null;
        try
        {
            batch = _free.Take(_stop.Token);
            Timestamp? first = null;
            while (_reader.TryRead(out CaptureFrame frame))
            {
                first ??= frame.Time;
                batch.FirstFrameTime ??= first;
                ref DecodedFrame slot = ref batch.Items[batch.Count];
                PacketDecoder.Decode(frame, out slot.Segment);
                if (!slot.Segment.IsAnalysedTcp)
                {
                    continue;
                }
                slot.Number = frame.Number;
                slot.Time = frame.Time;
                slot.WireLength = frame.OriginalLength;
                if (++batch.Count == BatchSize)
                {
                    _full.Add(batch, _stop.Token);
                    batch = _free.Take(_stop.Token);
                    batch.Count = 0;
                    batch.FirstFrameTime = first;
                }
            }
            batch.Last = true;
            _full.Add(batch, _stop.Token);
        }
        catch (OperationCanceledException)
        {
            // the consumer stopped early (Dispose)
        }
        catch (Exception e) when (batch is not null)
        {
            batch.Failure = e;
            batch.Last = true;
            _full.Add(batch);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
        _full.Dispose();
        _free.Dispose();
    }
}
