using TcpLens.Analysis.Sessions;
using TcpLens.Capture;

namespace TcpLens.Reports.Quality;

/// <summary>Which new sessions <see cref="QualityReport"/> counts.</summary>
public sealed record QualityOptions
{
    /// <summary>Servers of interest; empty for every server.</summary>
    public IReadOnlyList<EndpointPattern> Servers { get; init; } = [];

    /// <summary>Start of the monitoring window (inclusive); null for the start of the capture.</summary>
    public Timestamp? From { get; init; }

    /// <summary>End of the monitoring window (exclusive); null for the end of the capture.</summary>
    public Timestamp? To { get; init; }

    /// <summary>One set of rows per capture file (the file holding each session's first SYN).</summary>
    public bool PerFile { get; init; }
}
