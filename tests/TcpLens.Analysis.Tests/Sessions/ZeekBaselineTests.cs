using TcpLens.Analysis.Sessions;
using TcpLens.Capture.Tests.Support;

namespace TcpLens.Analysis.Tests.Sessions;

/// <summary>
/// conn_state and history against Zeek's own test baselines for the traces that are also in the
/// public corpus (zeek/zeek testing/btest/Baseline/...; the values are quoted there).
/// </summary>
public sealed class ZeekBaselineTests
{
    [SkippableTheory]
    // core.tcp.missing-syn/conn.log: the capture starts with the SYN/ACK, Zeek flips the roles
    [InlineData("zeek_tcp_missing-syn.pcap", ConnState.SF, "^hADdFaf", "141.42.64.125", 56730)]
    // core.tcp.rxmit-history/conn-1.log: snap length 54, so every payload byte is missed (G, g)
    [InlineData("zeek_tcp_retransmit-fast009.pcap", ConnState.RSTO, "ShADaGdgtR", "10.0.88.85", 50368)]
    // core.tcp.tcp-dups/out (history at connection_state_remove): every packet 2-4 times
    [InlineData("zeek_tcp_ssh-dups.pcap", ConnState.SF, "ShADTadtTtFf", "192.168.0.102", 53206)]
    public void StateAndHistoryMatchZeeksBaseline(string capture, ConnState state, string history, string client, int clientPort)
    {
        string path = CaptureCases.SharedPath(capture);
        using TcpCapture tcp = TcpCapture.Open(path);
        Session s = Assert.Single(tcp.Sessions());

        Assert.Equal(client, s.Client.Address.ToString());
        Assert.Equal(clientPort, s.Client.Port);
        Assert.Equal(state, s.State);
        Assert.Equal(history, s.History);
    }

    [SkippableFact]
    public void MissedBytesCountThePayloadTheSnapLengthCut()
    {
        // core.tcp.rxmit-history/conn-1.log: missed_bytes 24257 (474 sent by the client, the rest by the server)
        using TcpCapture tcp = TcpCapture.Open(CaptureCases.SharedPath("zeek_tcp_retransmit-fast009.pcap"));
        Session s = Assert.Single(tcp.Sessions());

        Assert.Equal(24257, s.ClientToServer.MissedBytes + s.ServerToClient.MissedBytes);
        Assert.Equal(474, s.ClientToServer.MissedBytes);
    }
}
