using TcpLens.Capture.Decoding;

namespace TcpLens.Analysis.Sessions;

/// <summary>
/// Which side of a connection sent the first SYN (without ACK) and which the first SYN/ACK,
/// noted frame by frame: what <see cref="ClientRule"/> needs besides the ports. Sides are 0
/// (the first frame's sender) and 1; -1 while none was seen.
/// </summary>
public struct HandshakeSides
{
    /// <summary>Nothing noted yet.</summary>
    public HandshakeSides()
    {
    }

    /// <summary>Side that sent the first SYN without ACK, or -1.</summary>
    public int FirstSynSide { get; private set; } = -1;

    /// <summary>Side that sent the first SYN/ACK, or -1.</summary>
    public int FirstSynAckSide { get; private set; } = -1;

    /// <summary>
    /// Notes one frame of <paramref name="side"/> with the flags it carried (<see cref="TcpFlags.None"/>
    /// when its header was too short to hold them). Returns true when it is the connection's first
    /// SYN or first SYN/ACK.
    /// </summary>
    public bool Note(int side, TcpFlags flags)
    {
        if ((flags & TcpFlags.Syn) == 0)
        {
            return false;
        }
        if ((flags & TcpFlags.Ack) == 0)
        {
            if (FirstSynSide >= 0)
            {
                return false;
            }
            FirstSynSide = side;
            return true;
        }
        if (FirstSynAckSide >= 0)
        {
            return false;
        }
        FirstSynAckSide = side;
        return true;
    }
}
