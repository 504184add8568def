namespace TcpLens.Analysis.Sessions;

/// <summary>
/// Turns analysed frames into <see cref="Session"/>s, one per stream, as the streams end. Feed
/// every frame of <see cref="TcpCapture.TryReadPacket(out AnalyzedPacket)"/> to <see cref="Add"/> and tell it which
/// streams ended (<see cref="TcpAnalyzer.TryTakeEndedStream"/>); finished sessions come out in
/// stream order, each as soon as it and every stream before it has ended. Memory holds the open
/// streams and finished ones waiting for an older stream to end.
/// </summary>
public sealed class SessionTracker
{
    private readonly Dictionary<int, SessionBuilder> _open = [];
    private readonly Dictionary<int, Session> _finished = [];
    private readonly HashSet<int> _endedEmpty = [];
    private int _nextOut;

    /// <summary>Streams being accumulated.</summary>
    public int OpenCount => _open.Count;

    /// <summary>Finished sessions waiting for an older stream to end.</summary>
    public int WaitingCount => _finished.Count;

    /// <summary>Adds one analysed frame (frames without a stream are ignored).</summary>
    public void Add(in AnalyzedPacket packet)
    {
        if (!packet.Analysis.HasStream)
        {
            return;
        }
        int stream = packet.Analysis.Stream;
        if (!_open.TryGetValue(stream, out SessionBuilder? builder))
        {
            builder = new SessionBuilder(stream, packet);
            _open.Add(stream, builder);
        }
        builder.Add(packet);
    }

    /// <summary>Finishes a stream that ended; unknown streams are ignored.</summary>
    public void End(int stream)
    {
        if (_open.Remove(stream, out SessionBuilder? builder))
        {
            _finished.Add(stream, builder.Build());
        }
        else if (stream >= _nextOut)
        {
            // a stream none of whose frames were added: nothing to report, but do not wait for it
            _endedEmpty.Add(stream);
        }
    }

    /// <summary>Takes the next session in stream order, if it and all before it have ended.</summary>
    public bool TryTake(out Session session)
    {
        while (_endedEmpty.Remove(_nextOut))
        {
            _nextOut++;
        }
        if (_finished.Remove(_nextOut, out Session? next))
        {
            _nextOut++;
            session = next;
            return true;
        }
        session = null!;
        return false;
    }
}
