namespace TcpLens.Cli.Output;

/// <summary>Kinds of values a column holds, which decides JSON typing and table alignment.</summary>
internal enum ColumnKind
{
    Text,
    Integer,
    Decimal,
}

/// <summary>A named output column; the name is the stable machine-readable one of the output contract.</summary>
internal readonly record struct Column(string Name, ColumnKind Kind = ColumnKind.Text);
