namespace TcpLens.Cli.Output;

/// <summary>How rows are printed.</summary>
internal enum OutputFormat
{
    /// <summary>Aligned columns for people.</summary>
    Table,
    /// <summary>RFC 4180 CSV with a header line.</summary>
    Csv,
    /// <summary>One JSON object per line.</summary>
    Json,
}
