using TcpLens.Capture.Decoding;
using TcpLens.Correlation.Facts;

namespace TcpLens.Correlation.Matching;

public static partial class StreamMatcher
{
    private sealed partial class Run
    {
        // Packets of matched streams seen at both points: SYNs and SYN/ACKs paired by IP ID (or
        // by position when both sides saw the same number), and the first packets of each
        // direction paired by IP ID, sequence, acknowledgement (offsets applied), length and flags.
        private ClockOffset EstimateClock()
        {
            var c2s = new List<(long, long)>();
            var s2c = new List<(long, long)>();
            foreach (MatchedStream m in _byClient.Values)
            {
                PairSyns(m.ClientSide.Syns, m.ServerSide.Syns, c2s, clientSent: true);
                PairSyns(m.ClientSide.SynAcks, m.ServerSide.SynAcks, s2c, clientSent: false);
                PairMarks(m, clientToServer: true, c2s);
                PairMarks(m, clientToServer: false, s2c);
            }
            return ClockOffset.Estimate(c2s, s2c, "packets seen at both points");
        }

        private static void PairSyns(List<SynTransmission> atClient, List<SynTransmission> atServer, List<(long, long)> pairs, bool clientSent)
        {
            if (atClient.Count == 0 || atServer.Count == 0)
            {
                return;
            }
            bool idsUsable = atClient.All(t => t.IpId != 0) && atClient.Select(t => t.IpId).Distinct().Count() == atClient.Count;
            if (idsUsable)
            {
                foreach (SynTransmission u in atServer)
                {
                    int i = atClient.FindIndex(t => t.IpId == u.IpId);
                    if (i >= 0)
                    {
                        pairs.Add((atClient[i].Time.TotalNanoseconds, u.Time.TotalNanoseconds));
                    }
                }
            }
            else if (atClient.Count == atServer.Count)
            {
                for (int i = 0; i < atClient.Count; i++)
                {
                    pairs.Add((atClient[i].Time.TotalNanoseconds, atServer[i].Time.TotalNanoseconds));
                }
            }
            else if (!clientSent && atServer.Count == 1)
            {
                // one SYN/ACK sent, several received: the first copy is the original
                pairs.Add((atClient[0].Time.TotalNanoseconds, atServer[0].Time.TotalNanoseconds));
            }
        }

        // The first packets of one direction seen at both points: the server's copy, in the
        // client's numbering, must equal the client's in every field.
        private static void PairMarks(MatchedStream m, bool clientToServer, List<(long, long)> pairs)
        {
            List<PacketMark> atClient = clientToServer ? m.ClientSide.FirstC2S : m.ClientSide.FirstS2C;
            List<PacketMark> atServer = clientToServer ? m.ServerSide.FirstC2S : m.ServerSide.FirstS2C;
            foreach (PacketMark u in atServer)
            {
                // Without an IP ID only data identifies a packet: RSTs and pure ACKs with ID 0
                // repeat the same numbers (a Linux RST, a probe tool) and would pair with a copy.
                if (u.IpId == 0 && u.Length == 0)
                {
                    continue;
                }
                (uint seq, uint ack) = m.ToClientNumbering(clientToServer, u.Sequence, u.Acknowledgement, (u.Flags & TcpFlags.Ack) != 0);
                int found = -1, count = 0;
                for (int i = 0; i < atClient.Count; i++)
                {
                    PacketMark t = atClient[i];
                    if (t.IpId == u.IpId && t.Length == u.Length && t.Flags == u.Flags && t.Sequence == seq && t.Acknowledgement == ack)
                    {
                        found = i;
                        count++;
                    }
                }
                bool uniqueAtServer = u.IpId != 0 || atServer.Count(v => v.IpId == u.IpId && v.Length == u.Length && v.Flags == u.Flags
                    && v.Sequence == u.Sequence && v.Acknowledgement == u.Acknowledgement) == 1;
                if (count == 1 && uniqueAtServer)
                {
                    pairs.Add((atClient[found].Time.TotalNanoseconds, u.Time.TotalNanoseconds));
                }
            }
        }

        // Without a single ISN match (every sequence number rewritten), the SYNs that share an IP
        // ID and a server port give a rough offset: the median of their time differences.
        private ClockOffset CoarseClockFromSynIpIds()
        {
            var diffs = new List<long>();
            var serverSyns = new Dictionary<(int IpId, ushort Port), List<long>>();
            foreach (StreamFacts s in server.Streams)
            {
                foreach (SynTransmission u in s.Syns)
                {
                    if (u.IpId != 0)
                    {
                        (serverSyns.TryGetValue((u.IpId, s.Server.Port), out List<long>? l) ? l : serverSyns[(u.IpId, s.Server.Port)] = []).Add(u.Time.TotalNanoseconds);
                    }
                }
            }
            foreach (StreamFacts c in client.Streams)
            {
                foreach (SynTransmission t in c.Syns)
                {
                    if (t.IpId != 0 && serverSyns.TryGetValue((t.IpId, c.Server.Port), out List<long>? times) && times.Count == 1)
                    {
                        diffs.Add(times[0] - t.Time.TotalNanoseconds);
                    }
                }
            }
            if (diffs.Count == 0)
            {
                return ClockOffset.Unknown;
            }
            diffs.Sort();
            return new ClockOffset(diffs[diffs.Count / 2], null, null, diffs.Count, "SYN IP IDs (rough)");
        }
    }
}
