using TcpLens.Analysis;
using TcpLens.Reports.Ladder;

namespace TcpLens.Results.Tables;

/// <summary>The ladder table: one connection frame by frame, client on the left.</summary>
public static class LadderTable
{
    /// <summary>The table.</summary>
    public static Table<LadderFrame> Table { get; } = Build();

    private static Column<LadderFrame> Packet(Column<AnalyzedPacket> c) => new(c.Info, (in LadderFrame f) => c.Read(f.Packet));

    private static Table<LadderFrame> Build()
    {
        Column<LadderFrame>[] packet = [.. PacketsTable.Table.Columns.Select(Packet)];
        Column<LadderFrame>[] columns =
        [
            .. packet,
            new(new ColumnInfo("direction", ValueKind.Text, "c2s (client to server) or s2c"), (in LadderFrame f) => Cell.Text(f.ClientToServer ? "c2s" : "s2c")),
            new(new ColumnInfo("rel_time", ValueKind.Seconds, "time since the connection's first frame", "s"), (in LadderFrame f) => Cell.Seconds(f.RelativeTimeNs)),
            new(new ColumnInfo("notes", ValueKind.Text, "Wireshark's analysis notes, as its packet list shows them"), (in LadderFrame f) => Cell.Text(f.Notes.Length == 0 ? null : f.Notes)),
            new(new ColumnInfo("payload", ValueKind.Text, "what the visible payload says (TLS records with the SNI, HTTP lines)"), (in LadderFrame f) => Cell.Text(f.Payload)),
            // for people: the arrow, and the notes with the payload's words
            new(new ColumnInfo("arrow", ValueKind.Text, "the direction drawn", Label: "client ... server"), (in LadderFrame f) => Cell.Text(f.ClientToServer ? "────────►" : "◄────────")),
            new(new ColumnInfo("notes_and_payload", ValueKind.Text, "notes, then payload", Label: "notes"), (in LadderFrame f) =>
                Cell.Text(f.Payload is null ? f.Notes : f.Notes.Length == 0 ? f.Payload : f.Notes + " " + f.Payload)),
        ];
        var sets = new Dictionary<string, string[]>
        {
            ["default"] = ["frame", "rel_time", "arrow", "flags", "seq", "ack", "len", "window", "notes_and_payload"],
            ["data"] = [.. packet.Select(c => c.Name), "direction", "rel_time", "notes", "payload"],
        };
        return new Table<LadderFrame>("ladder", "One frame of one connection, oriented client to server.", columns, sets);
    }
}
