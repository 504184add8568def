using System.Globalization;
using TcpLens.Correlation.Facts;

namespace TcpLens.Correlation.Matching;

/// <summary>
/// Which capture is nearer the client, from the handshakes of matched connections, whatever the
/// clocks: a client's SYN leaves with a TTL the routers on the way lower, so it is higher at the
/// client's point than at the server's (and the server's SYN/ACK higher at the server's); and
/// at the client's point the SYN/ACK comes a round trip after the SYN, at the server's point
/// only the server's own reaction time after it.
/// </summary>
internal static class CaptureOrderCheck
{
    // Handshake times closer than this at the two points tell nothing (same host, a tap next to it).
    private const long HandshakeMarginNs = 20_000;

    public static CaptureOrder FromHandshakes(IEnumerable<MatchedStream> matched)
    {
        int ttlAsGiven = 0, ttlReversed = 0, timeAsGiven = 0, timeReversed = 0;
        var atClient = new List<long>();
        var atServer = new List<long>();
        foreach (MatchedStream m in matched)
        {
            StreamFacts c = m.ClientSide, s = m.ServerSide;
            if (!c.HasSyn || !s.HasSyn)
            {
                continue;
            }
            SynTransmission serverSyn = s.Syns[0];
            SynTransmission clientSyn = c.Syns.FirstOrDefault(t => t.IpId != 0 && t.IpId == serverSyn.IpId);
            if (clientSyn.Frame == 0)
            {
                clientSyn = c.Syns[^1];
            }
            Vote(clientSyn.Ttl - serverSyn.Ttl, ref ttlAsGiven, ref ttlReversed);
            if (c.SynAcks.Count > 0 && s.SynAcks.Count > 0)
            {
                Vote(s.SynAcks[0].Ttl - c.SynAcks[0].Ttl, ref ttlAsGiven, ref ttlReversed);
                long rttAtClient = c.SynAcks[0].Time.TotalNanoseconds - clientSyn.Time.TotalNanoseconds;
                long reactionAtServer = s.SynAcks[0].Time.TotalNanoseconds - serverSyn.Time.TotalNanoseconds;
                if (rttAtClient >= 0 && reactionAtServer >= 0)
                {
                    atClient.Add(rttAtClient);
                    atServer.Add(reactionAtServer);
                    long d = rttAtClient - reactionAtServer;
                    Vote(Math.Abs(d) < HandshakeMarginNs ? 0 : Math.Sign(d), ref timeAsGiven, ref timeReversed);
                }
            }
        }
        var signals = new List<CaptureOrderSignal>(2);
        if (ttlAsGiven + ttlReversed > 0)
        {
            int sign = Math.Sign(ttlAsGiven - ttlReversed);
            signals.Add(new CaptureOrderSignal("ttl", sign, sign >= 0
                ? $"SYNs and SYN/ACKs lose TTL on their way from the capture given as theirs to the other in {ttlAsGiven} of {ttlAsGiven + ttlReversed} cases"
                : $"the client's SYNs have a higher TTL in the server capture than in the client capture, and the server's SYN/ACKs a higher TTL in the client capture ({ttlReversed} of {ttlAsGiven + ttlReversed} cases)"));
        }
        if (timeAsGiven + timeReversed > 0)
        {
            int sign = Math.Sign(timeAsGiven - timeReversed);
            string medians = string.Create(CultureInfo.InvariantCulture,
                $"SYN to SYN/ACK takes a median of {Median(atClient) / 1e6:0.000} ms in the client capture and {Median(atServer) / 1e6:0.000} ms in the server capture");
            signals.Add(new CaptureOrderSignal("handshake", sign, sign >= 0
                ? medians + " (a round trip at the client's point)"
                : medians + $": the round trip is seen at the server capture's point ({timeReversed} of {timeAsGiven + timeReversed} connections)"));
        }
        return new CaptureOrder(signals);
    }

    private static void Vote(int difference, ref int asGiven, ref int reversed)
    {
        if (difference > 0)
        {
            asGiven++;
        }
        else if (difference < 0)
        {
            reversed++;
        }
    }

    private static long Median(List<long> values)
    {
        values.Sort();
        return values.Count == 0 ? 0 : values[values.Count / 2];
    }
}
