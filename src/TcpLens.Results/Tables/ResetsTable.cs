using System.Globalization;
using TcpLens.Analysis.Sessions;
using R = TcpLens.Results.Columns<TcpLens.Analysis.Sessions.ResetEvent>;

namespace TcpLens.Results.Tables;

/// <summary>The resets table: connections ended by a RST from one side, and what else the client had open then.</summary>
public static class ResetsTable
{
    /// <summary>The table.</summary>
    public static Table<ResetEvent> Table { get; } = new("resets", "One connection reset by the chosen side, at its first RST.",
    [
        R.Integer("stream", "tcp.stream", e => e.Session.Stream),
        R.Address("client", "the client's address", e => e.Session.Client.Address),
        R.Integer("client_port", "the client's port", e => e.Session.Client.Port),
        R.Address("server", "the server's address", e => e.Session.Server.Address),
        R.Integer("server_port", "the server's port", e => e.Session.Server.Port),
        R.Integer("rst_frame", "frame of that side's first RST", e => e.Frame),
        R.Time("rst_time", "its time", e => e.Time),
        R.Text("by", "whose RST: client or server", e => e.By == ResetSide.Client ? "client" : "server"),
        R.Text("state", "Zeek's conn_state", e => ConnStateNames.Name(e.Session.State)),
        R.Text("closed_by", "who started the close and how", e => ClosedByNames.Name(e.Session.ClosedBy)),
        R.Integer("other_open", "other connections of the same client open at that instant (handshake done, no FIN or RST yet)", e => e.OtherOpen, label: "open"),
        R.List("other_open_by_server", "those connections per server endpoint, most first: ADDR:PORT=N", e =>
            [.. e.OtherOpenByServer.Select(o => $"{o.Server}={o.Count.ToString(CultureInfo.InvariantCulture)}")], label: "open_by_server"),
    ]);
}
