using TcpLens.Capture.Decoding;

namespace TcpLens.Analysis.Sessions;

/// <summary>Which endpoint of a connection is the client (<see cref="ClientRule"/>), and how that was told.</summary>
/// <param name="Client">The client's address and port.</param>
/// <param name="Server">The server's address and port.</param>
/// <param name="Choice">How the client was told from the server.</param>
/// <param name="ClientIsSide0">The client is side 0, the sender of the connection's first frame.</param>
public readonly record struct ClientOrientation(Endpoint Client, Endpoint Server, ClientChoice Choice, bool ClientIsSide0);
