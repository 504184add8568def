namespace TcpLens.Reports.Explain;

/// <summary>The kinds of event the anomalies part tells, in the order a line tells them.</summary>
internal enum AnomalyKind
{
    // loss and its repair, about one side's data
    Lost,
    OutOfOrder,
    AckedUnseen,
    DuplicateAck,
    FastRetransmission,
    SackRecovery,
    PartialAck,
    TailLossProbe,
    Timeout,
    Unexplained,
    Spurious,
    DSack,
    PathCopy,
    // the handshake
    SynRetransmission,
    SynAckRetransmission,
    ReusedPorts,
    // the receiver's window
    WindowFull,
    WindowProbe,
    ZeroWindow,
    ZeroWindowProbe,
    ZeroWindowProbeAck,
    WindowUpdate,
    // an idle connection
    KeepAlive,
    KeepAliveAck,
}

/// <summary>Kinds of trouble that make one episode together.</summary>
internal enum AnomalyFamily
{
    /// <summary>Loss, reordering, copies and their repair.</summary>
    Loss,
    /// <summary>SYN and SYN/ACK retransmissions, reused ports.</summary>
    Handshake,
    /// <summary>Full, zero and updated windows.</summary>
    Window,
    /// <summary>Keep-alives.</summary>
    Idle,
}

internal static class AnomalyKinds
{
    public static int Count { get; } = Enum.GetValues<AnomalyKind>().Length;

    /// <summary>The stable snake_case name of a kind, as <see cref="Explanation.Counts"/> keys it.</summary>
    public static string Name(AnomalyKind k) => k switch
    {
        AnomalyKind.Lost => "lost_segment_marks",
        AnomalyKind.OutOfOrder => "out_of_order",
        AnomalyKind.AckedUnseen => "acked_unseen_marks",
        AnomalyKind.DuplicateAck => "duplicate_ack",
        AnomalyKind.FastRetransmission => "fast_retransmission",
        AnomalyKind.SackRecovery => "sack_recovery",
        AnomalyKind.PartialAck => "partial_ack_resend",
        AnomalyKind.TailLossProbe => "tail_loss_probe",
        AnomalyKind.Timeout => "timeout",
        AnomalyKind.Unexplained => "unexplained_resend",
        AnomalyKind.Spurious => "spurious_retransmission",
        AnomalyKind.DSack => "dsack",
        AnomalyKind.PathCopy => "path_copy",
        AnomalyKind.SynRetransmission => "syn_retransmission",
        AnomalyKind.SynAckRetransmission => "syn_ack_retransmission",
        AnomalyKind.ReusedPorts => "reused_ports",
        AnomalyKind.WindowFull => "window_full",
        AnomalyKind.WindowProbe => "window_probe",
        AnomalyKind.ZeroWindow => "zero_window",
        AnomalyKind.ZeroWindowProbe => "zero_window_probe",
        AnomalyKind.ZeroWindowProbeAck => "zero_window_probe_ack",
        AnomalyKind.WindowUpdate => "window_update",
        AnomalyKind.KeepAlive => "keep_alive",
        _ => "keep_alive_ack",
    };

    public static AnomalyFamily Family(AnomalyKind k) => k switch
    {
        <= AnomalyKind.PathCopy => AnomalyFamily.Loss,
        <= AnomalyKind.ReusedPorts => AnomalyFamily.Handshake,
        <= AnomalyKind.WindowUpdate => AnomalyFamily.Window,
        _ => AnomalyFamily.Idle,
    };

    /// <summary>Whether the data side or its peer sent the frames of this kind.</summary>
    public static bool SentByDataSender(AnomalyKind k) => k is not (AnomalyKind.AckedUnseen or AnomalyKind.DuplicateAck or AnomalyKind.DSack
        or AnomalyKind.ZeroWindow or AnomalyKind.ZeroWindowProbeAck or AnomalyKind.WindowUpdate or AnomalyKind.KeepAliveAck);

    /// <summary>Resends by the data sender (every cause but a copy made on the path).</summary>
    public static bool IsResend(AnomalyKind k) => k is AnomalyKind.FastRetransmission or AnomalyKind.SackRecovery or AnomalyKind.PartialAck or AnomalyKind.TailLossProbe
        or AnomalyKind.Timeout or AnomalyKind.Unexplained or AnomalyKind.Spurious or AnomalyKind.WindowProbe;

    public static AnomalyKind Of(RetransmissionCause cause) => cause switch
    {
        RetransmissionCause.PathCopy => AnomalyKind.PathCopy,
        RetransmissionCause.Spurious => AnomalyKind.Spurious,
        RetransmissionCause.Fast => AnomalyKind.FastRetransmission,
        RetransmissionCause.SackRecovery => AnomalyKind.SackRecovery,
        RetransmissionCause.PartialAck => AnomalyKind.PartialAck,
        RetransmissionCause.TailLossProbe => AnomalyKind.TailLossProbe,
        RetransmissionCause.Timeout => AnomalyKind.Timeout,
        RetransmissionCause.WindowProbe => AnomalyKind.WindowProbe,
        RetransmissionCause.HandshakeTimer => AnomalyKind.SynRetransmission,
        _ => AnomalyKind.Unexplained,
    };
}
