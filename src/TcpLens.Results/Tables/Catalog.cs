namespace TcpLens.Results.Tables;

/// <summary>Every table the tool prints, by name, with its columns: what the schema documents are made from.</summary>
public static class Catalog
{
    /// <summary>The tables, in the order the documentation lists them.</summary>
    public static IReadOnlyList<(string Name, string Description, IReadOnlyList<ColumnInfo> Columns, IReadOnlyDictionary<string, string[]> Sets)> Tables { get; } =
    [
        Entry(InfoTable.Table, "info"),
        Entry(PacketsTable.Table, "packets"),
        Entry(SessionsTable.Table, "sessions"),
        Entry(ResetsTable.Table, "resets"),
        Entry(QualityTable.Table, "quality"),
        Entry(LadderTable.Table, "ladder"),
        Entry(MatchTables.Matched, "match-matched"),
        Entry(MatchTables.Missing, "match-missing"),
        Entry(MatchTables.Streams, "match-unmatched"),
        Entry(MatchTables.Ambiguous, "match-ambiguous"),
        Entry(CompareTable.Table, "compare"),
        Entry(CapturesTable.Table, "captures"),
    ];

    private static (string, string, IReadOnlyList<ColumnInfo>, IReadOnlyDictionary<string, string[]>) Entry<TRow>(Table<TRow> t, string name) =>
        (name, t.Description, [.. t.Data.Select(c => c.Info)], t.Sets);

    /// <summary>The table of that name, or null.</summary>
    public static (string Name, string Description, IReadOnlyList<ColumnInfo> Columns, IReadOnlyDictionary<string, string[]> Sets)? Find(string name) =>
        Tables.FirstOrDefault(t => t.Name == name) is { Name: not null } found ? found : null;
}
