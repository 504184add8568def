using System.CommandLine;
using TcpLens.Cli.Infrastructure;
using TcpLens.Results;

namespace TcpLens.Cli.Output;

/// <summary>
/// The options of every command that prints a table: --format, -o, --columns and
/// --time-format, the same everywhere.
/// </summary>
internal sealed class RowOptions
{
    public Option<string> Format { get; } = CommonOptions.Format();

    public Option<FileInfo?> Output { get; } = CommonOptions.OutputFile();

    public Option<string?> Columns { get; } = new("--columns")
    {
        HelpName = "COLUMNS",
        Description = "The columns to print, in this order: names, named sets or 'all', comma-separated. A terminal table shows the 'default' set; csv and json every column.",
    };

    public Option<string> TimeFormat { get; } = CommonOptions.TimeFormat();

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Format);
        command.Options.Add(Output);
        command.Options.Add(Columns);
        command.Options.Add(TimeFormat);
    }

    /// <summary>The values given, or false after one line naming the bad one.</summary>
    public bool TryRead<TRow>(ParseResult parse, Table<TRow> table, out RowChoice<TRow> choice)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(table);
        OutputFormat format = CommonOptions.ChosenFormat(parse.GetValue(Format), parse.GetValue(Output));
        // the option accepts only the known names, so an unknown one never reaches here
        TimeFormat time = TimeFormatNames.TryParse(parse.GetValue(TimeFormat), out TimeFormat t) ? t : Results.TimeFormat.Epoch;
        IReadOnlyList<Column<TRow>> columns = format == OutputFormat.Table ? table.Default : table.Data;
        choice = new RowChoice<TRow>(format, parse.GetValue(Output), columns, new CellFormat(time, new TimeOrigin()));
        if (parse.GetValue(Columns) is { } spec)
        {
            if (!table.TrySelect(spec, out columns, out string? error))
            {
                Diagnostics.Error($"--columns: {error}");
                return false;
            }
            choice = choice with { Columns = columns };
        }
        return true;
    }
}

/// <summary>What a row command was asked to print: format, destination, columns and how to write times.</summary>
internal sealed record RowChoice<TRow>(OutputFormat Format, FileInfo? File, IReadOnlyList<Column<TRow>> Columns, CellFormat Cells);
