using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using TcpLens.Capture.Decoding;

namespace TcpLens.Analysis.Sessions;

/// <summary>
/// Zeek's per-endpoint TCP states, <c>conn_state</c> and <c>history</c> for one connection
/// (docs/zeek-conn-state.md). Sides are 0 and 1 as fed; the client is named at the end, and is
/// Zeek's originator (upper-case letters). Retransmissions, gaps and zero windows come from
/// Wireshark's flags (exact counts are in their own columns); their letters are logarithmic as
/// in Zeek: added at the 1st, 10th, 100th... event.
/// </summary>
internal sealed partial class ZeekHistory
{
    // Per-side values inline (index = side): thousands of connections are open at once, and
    // small arrays per field would be most of this object's memory.
    private Two<EndpointState> _state;
    private Two<long> _payload;
    private Two<int> _retransmissions, _gaps, _zeroWindows;
    private Two<int> _seenMask; // letters a..z already recorded, per side
    // Letters in order, side 0 in upper case and side 1 in lower case; allocated on the first one.
    private char[] _letters = [];
    private int _letterCount;

    [InlineArray(2)]
    private struct Two<T>
    {
        private T _first;
    }

    private enum EndpointState
    {
        Inactive,
        SynSent,
        SynAckSent,
        Partial,
        Established,
        Closed,
        Reset,
    }

    public void Add(int side, TcpFlags flags, int payload, AnalysisFlags analysis)
    {
        int peer = 1 - side;
        bool syn = (flags & TcpFlags.Syn) != 0, ack = (flags & TcpFlags.Ack) != 0;
        bool fin = (flags & TcpFlags.Fin) != 0, rst = (flags & TcpFlags.Rst) != 0;
        _payload[side] += payload;

        if (syn && (fin || rst))
        {
            Once(side, 'q');
        }
        if (syn)
        {
            Once(side, ack ? 'h' : 's');
        }
        if (fin)
        {
            Once(side, 'f');
        }
        if (rst)
        {
            Once(side, 'r');
        }
        if (ack && !syn && !fin && !rst && payload == 0)
        {
            Once(side, 'a');
        }
        if (payload > 0)
        {
            Once(side, 'd');
        }
        // Zeek's 't' is about data sent again; a repeated SYN or FIN is not one
        if (payload > 0 && (analysis & AnalysisFlags.Retransmission) != 0)
        {
            Logarithmic(side, 't', ref _retransmissions[side]);
        }
        if ((analysis & AnalysisFlags.ZeroWindow) != 0)
        {
            Logarithmic(side, 'w', ref _zeroWindows[side]);
        }

        ref EndpointState me = ref _state[side];
        ref EndpointState other = ref _state[peer];
        if (rst)
        {
            // a RST after this side's FIN leaves it closed (Zeek: "ShADadtFRfr" is SF)
            if (me != EndpointState.Closed)
            {
                me = EndpointState.Reset;
            }
        }
        else if (fin)
        {
            me = EndpointState.Closed;
        }
        else if (syn)
        {
            if (ack)
            {
                if (me is EndpointState.Inactive or EndpointState.SynSent)
                {
                    me = EndpointState.SynAckSent;
                }
            }
            else if (me == EndpointState.Inactive)
            {
                me = EndpointState.SynSent;
            }
        }
        else
        {
            if (me is EndpointState.SynSent or EndpointState.SynAckSent && ack)
            {
                me = EndpointState.Established;
            }
            else if (me == EndpointState.Inactive)
            {
                me = EndpointState.Partial;
            }
            if (ack && other == EndpointState.SynAckSent)
            {
                other = EndpointState.Established;
            }
        }
    }

    /// <summary>The peer's ACK passed over bytes of <paramref name="side"/> the capture does not hold (a content gap).</summary>
    public void Gap(int side) => Logarithmic(side, 'g', ref _gaps[side]);

    public (ConnState State, string History) Result(int clientSide)
    {
        int server = 1 - clientSide;
        var history = new StringBuilder(_letterCount + 1);
        if (clientSide != 0)
        {
            // the first frame came from the server: Zeek flips the roles and marks it
            history.Append('^');
        }
        foreach (char stored in _letters.AsSpan(0, _letterCount))
        {
            // stored upper case = side 0; the client's letters are upper case in the result
            history.Append(clientSide == 0 ? stored : char.IsUpper(stored) ? char.ToLowerInvariant(stored) : char.ToUpperInvariant(stored));
        }
        string h = history.ToString();
        return (StateOf(_state[clientSide], _state[server], _payload[clientSide], _payload[server], h), h);
    }

    // Zeek's conn_state() (scripts/base/protocols/conn/main.zeek).
    private static ConnState StateOf(EndpointState o, EndpointState r, long origBytes, long respBytes, string history)
    {
        bool oInactive = o is EndpointState.Inactive or EndpointState.Partial;
        bool rInactive = r is EndpointState.Inactive or EndpointState.Partial;
        if (r == EndpointState.Reset)
        {
            if (o is EndpointState.SynSent or EndpointState.SynAckSent || (o == EndpointState.Reset && origBytes == 0 && respBytes == 0))
            {
                return ConnState.REJ;
            }
            return oInactive ? ConnState.RSTRH : ConnState.RSTR;
        }
        if (o == EndpointState.Reset)
        {
            if (rInactive)
            {
                return RstOs0().IsMatch(history) ? ConnState.RSTOS0 : ConnState.OTH;
            }
            return ConnState.RSTO;
        }
        if (r == EndpointState.Closed && o == EndpointState.Closed)
        {
            return ConnState.SF;
        }
        if (o == EndpointState.Closed)
        {
            return rInactive ? ConnState.SH : ConnState.S2;
        }
        if (r == EndpointState.Closed)
        {
            return oInactive ? ConnState.SHR : ConnState.S3;
        }
        if (o == EndpointState.SynSent && r == EndpointState.Inactive)
        {
            return ConnState.S0;
        }
        if (o == EndpointState.Established && r == EndpointState.Established)
        {
            return ConnState.S1;
        }
        return ConnState.OTH;
    }

    // s h a d f r q are recorded once per side.
    private void Once(int side, char letter)
    {
        int bit = 1 << (letter - 'a');
        if ((_seenMask[side] & bit) == 0)
        {
            _seenMask[side] |= bit;
            Append(side, letter);
        }
    }

    private void Logarithmic(int side, char letter, ref int count)
    {
        count++;
        for (long threshold = 1; threshold <= count; threshold *= 10)
        {
            if (threshold == count)
            {
                Append(side, letter);
                return;
            }
        }
    }

    private void Append(int side, char letter)
    {
        if (_letterCount == _letters.Length)
        {
            Array.Resize(ref _letters, Math.Max(8, _letters.Length * 2));
        }
        _letters[_letterCount++] = side == 0 ? char.ToUpperInvariant(letter) : letter;
    }

    [GeneratedRegex(@"^\^?S[^HAFGIQ]*R")]
    private static partial Regex RstOs0();
}
