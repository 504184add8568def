namespace TcpLens.Results;

/// <summary>A column as exporters and schemas see it: its stable name, kind, unit and meaning.</summary>
/// <param name="Name">The machine-readable name of the output contract (snake_case).</param>
/// <param name="Kind">What it holds.</param>
/// <param name="Description">One line that says what it means.</param>
/// <param name="Unit">The unit of numbers ("s", "bytes", "frames", "%"...), or null.</param>
/// <param name="Scale">Digits after the point for <see cref="ValueKind.Decimal"/> columns.</param>
/// <param name="Nullable">Whether rows can lack a value.</param>
/// <param name="Label">A shorter header for terminal tables, or null for the name.</param>
public sealed record ColumnInfo(string Name, ValueKind Kind, string Description, string? Unit = null, int Scale = 0, bool Nullable = true, string? Label = null)
{
    /// <summary>A text column that holds a whole number on most rows and a label on summary rows (compare's "all").</summary>
    public bool IntegerOrLabel { get; init; }

    /// <summary>A list of whole numbers (JSON numbers), not of text.</summary>
    public bool ListOfIntegers { get; init; }

    /// <summary>A time stored in SQL as a TIMESTAMP itself (a file's modification time), not as exact epoch seconds.</summary>
    public bool SqlTimestamp { get; init; }

    /// <summary>The header a terminal table shows.</summary>
    public string Header => Label ?? Name;

    /// <summary>Right-aligned in a terminal table (numbers and times).</summary>
    public bool IsNumeric => Kind is ValueKind.Integer or ValueKind.Seconds or ValueKind.Timestamp or ValueKind.Decimal;
}

/// <summary>A column of a table over rows of <typeparamref name="TRow"/>: its description and how to read its value from a row.</summary>
public sealed class Column<TRow>(ColumnInfo info, Column<TRow>.Reader read)
{
    /// <summary>Reads the column's value from a row (by reference: rows may be large structs).</summary>
    public delegate Cell Reader(in TRow row);

    /// <summary>The column's name, kind, unit and meaning.</summary>
    public ColumnInfo Info { get; } = info;

    /// <summary>The column's name.</summary>
    public string Name => Info.Name;

    /// <summary>The value of <paramref name="row"/>.</summary>
    public Cell Read(in TRow row) => read(row);
}
