namespace TcpLens.Data.Query;

/// <summary>
/// A DuckDB type as DuckDB names it (<c>DESCRIBE</c>'s <c>column_type</c>), taken apart far
/// enough to walk nested values: <see cref="Name"/> is the base name in capitals
/// (<c>INTEGER</c>, <c>DECIMAL</c>, <c>TIMESTAMP WITH TIME ZONE</c>, <c>LIST</c>, <c>ARRAY</c>,
/// <c>STRUCT</c>, <c>MAP</c>, <c>UNION</c>, ...), <see cref="Members"/> the element of a LIST or
/// ARRAY, the fields of a STRUCT, the key and value of a MAP or the members of a UNION.
/// </summary>
/// <param name="Name">The base name, e.g. <c>DECIMAL</c> for <c>DECIMAL(5,2)</c>, <c>LIST</c> for <c>INTEGER[]</c>.</param>
/// <param name="Text">The whole type as DuckDB wrote it.</param>
/// <param name="Members">Nested types in order; empty for a type that holds no others.</param>
public sealed record SqlType(string Name, string Text, IReadOnlyList<SqlTypeMember> Members)
{
    /// <summary>A type that holds no others (or one this parser does not take apart).</summary>
    public static SqlType Plain(string name, string text) => new(name, text, []);

    /// <summary>Whole numbers, decimals and floating point: printed right-aligned, written to JSON as numbers.</summary>
    public bool IsNumeric => IsInteger || Name is "DECIMAL" or "FLOAT" or "DOUBLE";

    /// <summary>Whole numbers of any width, HUGEINT and BIGNUM included.</summary>
    public bool IsInteger => Name is "TINYINT" or "SMALLINT" or "INTEGER" or "BIGINT" or "HUGEINT"
        or "UTINYINT" or "USMALLINT" or "UINTEGER" or "UBIGINT" or "UHUGEINT" or "BIGNUM" or "VARINT";

    /// <inheritdoc/>
    public override string ToString() => Text;
}

/// <summary>A member of a nested type: a STRUCT field or UNION member (named, or unnamed for <c>row(...)</c>), a LIST or ARRAY element, a MAP key or value.</summary>
/// <param name="Name">The field's name; null where the member has none (list elements, map keys and values, unnamed struct fields).</param>
/// <param name="Type">The member's type.</param>
public sealed record SqlTypeMember(string? Name, SqlType Type);
