namespace TcpLens.Results;

#pragma warning disable CA1000 // the factories are reached as Columns<Row>.Integer(...), which names the row type once
#pragma warning disable CA1720 // named after the kinds of value they make

/// <summary>Short ways to define the columns of a table over <typeparamref name="TRow"/>.</summary>
public static class Columns<TRow>
{
    /// <summary>A whole number.</summary>
    public static Column<TRow> Integer(string name, string description, Func<TRow, long?> value, string? unit = null, string? label = null) =>
        new(new ColumnInfo(name, ValueKind.Integer, description, unit, Label: label), (in TRow r) => Cell.Integer(value(r)));

    /// <summary>A duration in nanoseconds, written as seconds.</summary>
    public static Column<TRow> Seconds(string name, string description, Func<TRow, long?> nanoseconds, string? label = null) =>
        new(new ColumnInfo(name, ValueKind.Seconds, description, "s", Label: label), (in TRow r) => Cell.Seconds(nanoseconds(r)));

    /// <summary>An instant.</summary>
    public static Column<TRow> Time(string name, string description, Func<TRow, Capture.Timestamp?> value, string? label = null) =>
        new(new ColumnInfo(name, ValueKind.Timestamp, description, "s", Label: label), (in TRow r) => Cell.Time(value(r)));

    /// <summary>true or false.</summary>
    public static Column<TRow> Boolean(string name, string description, Func<TRow, bool?> value, string? label = null) =>
        new(new ColumnInfo(name, ValueKind.Boolean, description, Label: label), (in TRow r) => Cell.Boolean(value(r)));

    /// <summary>Text (null is absent).</summary>
    public static Column<TRow> Text(string name, string description, Func<TRow, string?> value, string? label = null) =>
        new(new ColumnInfo(name, ValueKind.Text, description, Label: label), (in TRow r) => Cell.Text(value(r)));

    /// <summary>An address.</summary>
    public static Column<TRow> Address(string name, string description, Func<TRow, Capture.Decoding.NetAddress?> value, string? label = null) =>
        new(new ColumnInfo(name, ValueKind.Address, description, Label: label), (in TRow r) => value(r) is { } a ? Cell.Address(a) : default);

    /// <summary>A list of text values.</summary>
    public static Column<TRow> List(string name, string description, Func<TRow, IReadOnlyList<string>> values, string? label = null) =>
        new(new ColumnInfo(name, ValueKind.List, description, Nullable: false, Label: label), (in TRow r) => Cell.List(values(r)));

    /// <summary>A list of whole numbers.</summary>
    public static Column<TRow> Numbers(string name, string description, Func<TRow, IEnumerable<long>> values, string? label = null) =>
        new(new ColumnInfo(name, ValueKind.List, description, Nullable: false, Label: label) { ListOfIntegers = true }, (in TRow r) => Cell.List(values(r)));

    /// <summary>A decimal number at a fixed scale, given unscaled.</summary>
    public static Column<TRow> Decimal(string name, string description, int scale, Func<TRow, long?> unscaled, string? unit = null, string? label = null) =>
        new(new ColumnInfo(name, ValueKind.Decimal, description, unit, scale, Label: label), (in TRow r) => Cell.Decimal(unscaled(r), scale));
}
