using TcpLens.Cli.Infrastructure;
using TcpLens.Results;
using TcpLens.Results.Exporters;

namespace TcpLens.Cli.Output;

/// <summary>The exporter for an output format, writing to an output target.</summary>
internal static class Exporters
{
    /// <summary>CSV, JSON lines or (for people) an aligned table that fits the terminal.</summary>
    public static ITableExporter For(OutputFormat format, OutputTarget target, CellFormat cells) => format switch
    {
        OutputFormat.Csv => new CsvExporter(target.Stream, cells),
        OutputFormat.Json => new JsonLinesExporter(target.Stream, cells),
        _ => new TerminalTableExporter(target.Writer, cells, target.IsStandardOutput ? CliIo.Current.TableWidth ?? 0 : 0),
    };
}
