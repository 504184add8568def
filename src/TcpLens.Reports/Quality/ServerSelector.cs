using TcpLens.Analysis.Sessions;
using TcpLens.Capture.Decoding;

namespace TcpLens.Reports.Quality;

/// <summary>A server of interest: a network (CIDR) or an address with an optional port.</summary>
public readonly record struct ServerSelector(NetPrefix? Network, EndpointPattern? Endpoint)
{
    /// <summary>True when the server endpoint is selected.</summary>
    public bool Matches(Endpoint server) =>
        Network is { } n ? n.Contains(server.Address) : Endpoint is { } e && e.Matches(server);
}
