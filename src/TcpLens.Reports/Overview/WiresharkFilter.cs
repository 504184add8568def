using System.Globalization;
using TcpLens.Analysis.Sessions;
using TcpLens.Capture.Decoding;

namespace TcpLens.Reports.Overview;

/// <summary>Wireshark display filters that show a session.</summary>
public static class WiresharkFilter
{
    /// <summary><c>tcp.stream eq N</c>: the stream in the capture as tcplens read it (for several files: the files merged in order, <c>mergecap -a</c>).</summary>
    public static string Stream(int stream) => string.Create(CultureInfo.InvariantCulture, $"tcp.stream eq {stream}");

    /// <summary>
    /// The connection by its endpoints, for a file opened on its own (where stream numbers
    /// differ): <c>ip.addr eq A and tcp.port eq P and ip.addr eq B and tcp.port eq Q</c>
    /// (<c>ipv6.addr</c> for IPv6). A reused port pair matches every connection on it.
    /// </summary>
    public static string Endpoints(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        Endpoint client = session.Client, server = session.Server;
        string c = client.Address.IsIPv4 ? "ip.addr" : "ipv6.addr";
        string s = server.Address.IsIPv4 ? "ip.addr" : "ipv6.addr";
        return string.Create(CultureInfo.InvariantCulture,
            $"{c} eq {client.Address} and tcp.port eq {client.Port} and {s} eq {server.Address} and tcp.port eq {server.Port}");
    }

    /// <summary>The session's frames within one file: <c>frame.number &gt;= A and frame.number &lt;= B</c>.</summary>
    public static string FrameRange(long first, long last) =>
        string.Create(CultureInfo.InvariantCulture, $"frame.number >= {first} and frame.number <= {last}");
}
