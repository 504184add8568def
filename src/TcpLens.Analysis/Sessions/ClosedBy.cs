namespace TcpLens.Analysis.Sessions;

/// <summary>Who started closing a connection, and how.</summary>
public enum ClosedBy
{
    /// <summary>No FIN or RST was seen.</summary>
    None,
    /// <summary>The client sent the first FIN (and no RST came before it).</summary>
    ClientFin,
    /// <summary>The server sent the first FIN.</summary>
    ServerFin,
    /// <summary>The client sent the first RST, before any FIN.</summary>
    ClientRst,
    /// <summary>The server sent the first RST, before any FIN.</summary>
    ServerRst,
    /// <summary>Simultaneous close: each side sent its FIN before the other's reached it (the later FIN does not acknowledge the earlier).</summary>
    Both,
}

/// <summary>Stable snake_case names of <see cref="ClosedBy"/>.</summary>
public static class ClosedByNames
{
    /// <summary>client_fin, server_fin, client_rst, server_rst, both or none.</summary>
    public static string Name(ClosedBy value) => value switch
    {
        ClosedBy.ClientFin => "client_fin",
        ClosedBy.ServerFin => "server_fin",
        ClosedBy.ClientRst => "client_rst",
        ClosedBy.ServerRst => "server_rst",
        ClosedBy.Both => "both",
        _ => "none",
    };

    /// <summary>Parses a name given by <see cref="Name"/>.</summary>
    public static bool TryParse(string text, out ClosedBy value)
    {
        foreach (ClosedBy v in Enum.GetValues<ClosedBy>())
        {
            if (string.Equals(Name(v), text, StringComparison.OrdinalIgnoreCase))
            {
                value = v;
                return true;
            }
        }
        value = ClosedBy.None;
        return false;
    }
}
