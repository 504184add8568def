namespace TcpLens.Reports.Explain;

/// <summary>What made a sender send bytes again, judged from the evidence the capture holds.</summary>
internal enum RetransmissionCause
{
    /// <summary>Not a resend by the sender: a second copy of a frame, made on the path or by the capture (same IP ID or timestamp and bytes, within a few ms).</summary>
    PathCopy,
    /// <summary>Bytes the receiver had already acknowledged (Wireshark's spurious retransmission).</summary>
    Spurious,
    /// <summary>After duplicate ACKs (Wireshark's fast retransmission).</summary>
    Fast,
    /// <summary>After the receiver's SACK blocks or fewer duplicate ACKs than classic fast retransmit needs (RFC 6675, RACK).</summary>
    SackRecovery,
    /// <summary>
    /// Right after an ACK that acknowledged an earlier resend but not these bytes (a partial ACK):
    /// recovery going on (NewReno, RACK, or the slow start after a timeout), clocked by that ACK.
    /// </summary>
    PartialAck,
    /// <summary>The sender's last segment again, about two round trips after its last data, with no ACK in between.</summary>
    TailLossProbe,
    /// <summary>At least the timeout floor after the previous transmission, nothing prompting it (RTO).</summary>
    Timeout,
    /// <summary>Part of the next segment sent into a full window (persist timer): a window probe, not a loss.</summary>
    WindowProbe,
    /// <summary>A SYN or SYN/ACK sent again: the connect timer.</summary>
    HandshakeTimer,
    /// <summary>None of the above fits: too soon for a timeout, and no duplicate ACK or SACK in the capture.</summary>
    Unexplained,
}
