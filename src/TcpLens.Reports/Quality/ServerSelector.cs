using TcpLens.Analysis.Sessions;
using TcpLens.Capture.Decoding;

namespace TcpLens.Reports.Quality;

/// <summary>A server of interest: a network (CIDR) or an address with an optional port.</summary>
public readonly record struct ServerSelector(NetPrefix? Network, EndpointPattern? Endpoint)
{
    /// <summary>True when the server endpoint is selected.</summary>
    public bool Matches(NetAddress address, ushort port) =>
        Network is { } n ? n.Contains(address) : Endpoint is { } e && e.Matches(address, port);

    /// <summary>True when the server endpoint is selected.</summary>
    public bool Matches(Endpoint server) => Matches(server.Address, server.Port);
}
