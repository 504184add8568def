using TcpLens.Results;

namespace TcpLens.Data.Query;

/// <summary>A column of a query's result: its name as the query gave it, and its DuckDB type.</summary>
/// <param name="Name">The column's name (several columns may share one).</param>
/// <param name="Type">Its DuckDB type.</param>
public sealed record QueryColumn(string Name, SqlType Type)
{
    /// <summary>Integer and decimal columns are the numbers (right-aligned in a table).</summary>
    public ValueKind Kind => Type.IsInteger ? ValueKind.Integer : Type.IsNumeric ? ValueKind.Decimal : ValueKind.Text;
}
