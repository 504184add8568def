namespace TcpLens.Analysis.Sessions;

/// <summary>The text of <see cref="ConnState"/>: Zeek's names (S0, SF, REJ...), as the sessions table prints them.</summary>
public static class ConnStateNames
{
    private static readonly string[] Names = ["S0", "S1", "SF", "REJ", "S2", "S3", "RSTO", "RSTR", "RSTOS0", "RSTRH", "SH", "SHR", "OTH"];

    /// <summary>Every name, in the order of <see cref="ConnState"/> (S0, S1, SF, REJ, S2, S3, RSTO, RSTR, RSTOS0, RSTRH, SH, SHR, OTH).</summary>
    public static IReadOnlyList<string> All { get; } = Names;

    /// <summary>Zeek's name of <paramref name="state"/> ("SF"); the same string instance every time.</summary>
    public static string Name(ConnState state) =>
        (uint)state < (uint)Names.Length ? Names[(int)state] : throw new ArgumentOutOfRangeException(nameof(state), state, "not a Zeek conn_state");

    /// <summary>Parses a name given by <see cref="Name"/>, in any case ("sf" is SF).</summary>
    public static bool TryParse(string? text, out ConnState state)
    {
        for (int i = 0; i < Names.Length; i++)
        {
            if (string.Equals(Names[i], text, StringComparison.OrdinalIgnoreCase))
            {
                state = (ConnState)i;
                return true;
            }
        }
        state = ConnState.OTH;
        return false;
    }
}
