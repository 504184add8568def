using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;

namespace TcpLens.Reports.Overview;

/// <summary>
/// Anomalies summed over every session of the capture: frames per Wireshark analysis flag and
/// sessions touched by each, resets by side, how connections ended, how the first SYN was
/// answered (per Zeek state too, so the report's figures and its state table are one count) and
/// handshake delays.
/// </summary>
public sealed class AnomalyTotals
{
    private readonly long[] _frames = new long[AnalysisFlagNames.All.Count];
    private readonly long[] _sessions = new long[AnalysisFlagNames.All.Count];
    private static readonly int AnswerKinds = Enum.GetValues<SynAnswer>().Length;

    private readonly Dictionary<ConnState, long> _states = [];
    private readonly Dictionary<ConnState, long[]> _stateAnswers = [];
    private readonly long[] _answers = new long[AnswerKinds];
    private readonly Dictionary<ClosedBy, long> _closedBy = [];
    private readonly List<long> _synAckDelays = [];

    /// <summary>Sessions counted.</summary>
    public long Sessions { get; private set; }

    /// <summary>Sessions with at least one lost_segment or ack_lost_segment frame.</summary>
    public long SessionsWithLoss { get; private set; }

    /// <summary>Sessions in which the client sent a RST.</summary>
    public long ClientResets { get; private set; }

    /// <summary>Sessions in which the server sent a RST.</summary>
    public long ServerResets { get; private set; }

    /// <summary>Sessions whose client sent its SYN more than once.</summary>
    public long SynRetransmitted { get; private set; }

    /// <summary>ICMP errors quoting the sessions' packets.</summary>
    public long IcmpErrors { get; private set; }

    /// <summary>Frames carrying <paramref name="flag"/> (one flag bit), both directions of every session.</summary>
    public long Frames(AnalysisFlags flag) => _frames[Bit(flag)];

    /// <summary>Sessions with at least one frame carrying <paramref name="flag"/>.</summary>
    public long SessionsWith(AnalysisFlags flag) => _sessions[Bit(flag)];

    /// <summary>Sessions per Zeek connection state that occurred, most frequent first (then by name).</summary>
    public IReadOnlyList<KeyValuePair<ConnState, long>> States =>
        [.. _states.OrderByDescending(kv => kv.Value).ThenBy(kv => ConnStateNames.Name(kv.Key), StringComparer.Ordinal)];

    /// <summary>Sessions in Zeek state <paramref name="state"/>.</summary>
    public long InState(ConnState state) => _states.GetValueOrDefault(state);

    /// <summary>Sessions whose first SYN got <paramref name="answer"/> (<see cref="Session.SynAnswer"/>).</summary>
    public long Attempts(SynAnswer answer) => _answers[(int)answer];

    /// <summary>Sessions in Zeek state <paramref name="state"/> whose first SYN got <paramref name="answer"/>.</summary>
    public long InState(ConnState state, SynAnswer answer) => _stateAnswers.TryGetValue(state, out long[]? n) ? n[(int)answer] : 0;

    /// <summary>Connection attempts the server never answered in the capture: no SYN/ACK, no RST, no challenge ACK.</summary>
    public long Unanswered => Attempts(SynAnswer.None);

    /// <summary>Connection attempts refused with a RST (nothing listening, or a firewall rejecting).</summary>
    public long Refused => Attempts(SynAnswer.Reset);

    /// <summary>Connection attempts answered by an RFC 5961 challenge ACK (the server still held an older connection on these ports).</summary>
    public long Challenged => Attempts(SynAnswer.ChallengeAck);

    /// <summary>Sessions per way of closing, in the enum's order.</summary>
    public IReadOnlyList<KeyValuePair<ClosedBy, long>> ClosedBy =>
        [.. Enum.GetValues<ClosedBy>().Select(c => new KeyValuePair<ClosedBy, long>(c, _closedBy.GetValueOrDefault(c)))];

    /// <summary>Sessions with a SYN→SYN/ACK delay.</summary>
    public int Handshakes => _synAckDelays.Count;

    /// <summary>The SYN→SYN/ACK delay below which <paramref name="fraction"/> of handshakes fall (nearest rank), or null without handshakes.</summary>
    public long? SynAckDelayPercentile(double fraction)
    {
        if (_synAckDelays.Count == 0)
        {
            return null;
        }
        _synAckDelays.Sort();
        int rank = (int)Math.Ceiling(Math.Clamp(fraction, 0, 1) * _synAckDelays.Count);
        return _synAckDelays[Math.Clamp(rank - 1, 0, _synAckDelays.Count - 1)];
    }

    internal void Add(Session s)
    {
        Sessions++;
        FlagCounts flags = s.ClientToServer.Flags + s.ServerToClient.Flags;
        for (int i = 0; i < _frames.Length; i++)
        {
            int n = flags[(AnalysisFlags)(1 << i)];
            _frames[i] += n;
            _sessions[i] += n > 0 ? 1 : 0;
        }
        if (flags[AnalysisFlags.LostSegment] + flags[AnalysisFlags.AckLostSegment] > 0)
        {
            SessionsWithLoss++;
        }
        ClientResets += s.ClientRstFrame != 0 ? 1 : 0;
        ServerResets += s.ServerRstFrame != 0 ? 1 : 0;
        SynRetransmitted += s.ClientToServer.Syns > 1 ? 1 : 0;
        IcmpErrors += s.IcmpErrors;
        _states[s.State] = _states.GetValueOrDefault(s.State) + 1;
        _answers[(int)s.SynAnswer]++;
        if (!_stateAnswers.TryGetValue(s.State, out long[]? answers))
        {
            _stateAnswers[s.State] = answers = new long[AnswerKinds];
        }
        answers[(int)s.SynAnswer]++;
        _closedBy[s.ClosedBy] = _closedBy.GetValueOrDefault(s.ClosedBy) + 1;
        if (s.SynAckDelayNs is { } d)
        {
            _synAckDelays.Add(d);
        }
    }

    private static int Bit(AnalysisFlags flag) => System.Numerics.BitOperations.TrailingZeroCount((uint)flag);
}
