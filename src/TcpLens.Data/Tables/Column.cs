namespace TcpLens.Data.Tables;

/// <summary>Kinds of values a column holds, which decides JSON typing and table alignment.</summary>
#pragma warning disable CA1720 // the kinds are named after the values the columns hold
public enum ColumnKind
{
    /// <summary>Text (VARCHAR).</summary>
    Text,
    /// <summary>A whole number (BIGINT).</summary>
    Integer,
    /// <summary>A decimal number with up to 9 decimals: seconds (DECIMAL(19,9)).</summary>
    Decimal,
}
#pragma warning restore CA1720

/// <summary>A named output column; the name is the stable machine-readable one of the output contract.</summary>
public readonly record struct Column(string Name, ColumnKind Kind = ColumnKind.Text);
