namespace TcpLens.Data.Query;

/// <summary>How <see cref="QueryRunner"/> hands out a query's values.</summary>
public enum ValueForm
{
    /// <summary>DuckDB's own text of each value (<c>CAST(value AS VARCHAR)</c>, what DuckDB's CLI prints), as CSV carries it.</summary>
    Text,
    /// <summary>DuckDB's text with control characters escaped (a newline as <c>\n</c>), as DuckDB's CLI shows values in its boxes: one line per row.</summary>
    Display,
    /// <summary>JSON text of each value, built by DuckDB from the typed value (see docs/sql.md).</summary>
    Json,
}
