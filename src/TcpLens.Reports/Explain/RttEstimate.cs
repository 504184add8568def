namespace TcpLens.Reports.Explain;

/// <summary>
/// A smoothed round-trip time and its variation from a connection's own samples, as RFC 6298
/// keeps them for the retransmission timer: what the connection's timer could have been.
/// </summary>
internal struct RttEstimate
{
    private long _srtt, _rttvar;

    public readonly bool HasSample => _srtt > 0;

    public readonly long SmoothedNs => _srtt;

    public void Add(long sampleNs)
    {
        if (sampleNs <= 0)
        {
            return;
        }
        if (_srtt == 0)
        {
            _srtt = sampleNs;
            _rttvar = sampleNs / 2;
            return;
        }
        _rttvar = (3 * _rttvar + Math.Abs(_srtt - sampleNs)) / 4;
        _srtt = (7 * _srtt + sampleNs) / 8;
    }

    /// <summary>RFC 6298's timeout from these samples (SRTT + 4 RTTVAR), or 0 without a sample.</summary>
    public readonly long TimeoutNs => _srtt == 0 ? 0 : _srtt + 4 * _rttvar;
}
