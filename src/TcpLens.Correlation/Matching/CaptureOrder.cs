namespace TcpLens.Correlation.Matching;

/// <summary>Whether the two captures were given in the order client side, server side.</summary>
public enum CaptureOrderVerdict
{
    /// <summary>No evidence, or evidence both ways: taken as given.</summary>
    Unknown,
    /// <summary>The evidence agrees with the order given.</summary>
    AsGiven,
    /// <summary>The first capture was taken at the server's side and the second at the client's.</summary>
    Reversed,
}

/// <summary>
/// One observation about which capture is nearer the client: <see cref="Sign"/> +1 when it fits
/// the order given, -1 when it fits the reverse, 0 when it tells nothing.
/// </summary>
public sealed record CaptureOrderSignal(string Name, int Sign, string Evidence);

/// <summary>
/// Which capture point is nearer the client, from observations that do not depend on the clocks
/// (TTLs, the handshake's timing at each point) and from the comparison (one-way delays).
/// Reversed only when some observation says so and none says otherwise.
/// </summary>
public sealed record CaptureOrder(IReadOnlyList<CaptureOrderSignal> Signals)
{
    /// <summary>No observations.</summary>
    public static CaptureOrder None { get; } = new([]);

    /// <summary>The conclusion of the signals.</summary>
    public CaptureOrderVerdict Verdict =>
        Signals.Any(s => s.Sign < 0) && !Signals.Any(s => s.Sign > 0) ? CaptureOrderVerdict.Reversed
        : Signals.Any(s => s.Sign > 0) && !Signals.Any(s => s.Sign < 0) ? CaptureOrderVerdict.AsGiven
        : CaptureOrderVerdict.Unknown;

    /// <summary>True when the captures look given the wrong way round.</summary>
    public bool Reversed => Verdict == CaptureOrderVerdict.Reversed;

    /// <summary>These signals and <paramref name="more"/>.</summary>
    public CaptureOrder With(IEnumerable<CaptureOrderSignal> more) => new([.. Signals, .. more]);

    /// <summary>The evidence of the signals that point the wrong way, joined for one sentence.</summary>
    public string ReversedEvidence => string.Join("; ", Signals.Where(s => s.Sign < 0).Select(s => s.Evidence));
}
