using System.CommandLine;
using TcpLens.Cli.Infrastructure;
using TcpLens.Cli.Output;
using TcpLens.Results.Schema;
using TcpLens.Results.Tables;

namespace TcpLens.Cli.Commands;

/// <summary><c>tcplens schema</c>: the columns of every table, as JSON Schema or Markdown (what docs/schema and docs/tables.md hold).</summary>
internal static class SchemaCommand
{
    public static Command Create()
    {
        var table = new Argument<string?>("TABLE") { Description = $"The table: {string.Join(", ", Catalog.Tables.Select(t => t.Name))}. Without it, every table (markdown only).", Arity = ArgumentArity.ZeroOrOne };
        var format = new Option<string>("--format", "-f") { Description = "json-schema (one table's JSON Schema) or markdown.", DefaultValueFactory = _ => "json-schema", HelpName = "json-schema|markdown" };
        format.AcceptOnlyFromAmong("json-schema", "markdown");
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write to this file instead of standard output.", HelpName = "FILE" };
        var command = new Command("schema", """
            The columns of the tables tcplens prints and stores: name, JSON type, unit and
            meaning, made from the same definitions the exporters write with. json-schema gives
            the JSON Schema of one line of a table's --format json output.
            """)
        {
            table, format, output,
        };
        command.SetAction(parse =>
        {
            string? name = parse.GetValue(table);
            bool markdown = parse.GetValue(format) == "markdown";
            string text;
            if (name is null)
            {
                if (!markdown)
                {
                    Diagnostics.Error($"give a table for its JSON Schema ({string.Join(", ", Catalog.Tables.Select(t => t.Name))}), or --format markdown for all");
                    return ExitCodes.BadUsage;
                }
                text = TableDocs.Markdown();
            }
            else if (Catalog.Find(name) is { } t)
            {
                text = markdown ? TableDocs.Markdown() : JsonSchema.Of(t.Name, t.Description, t.Columns);
            }
            else
            {
                string? near = Results.Names.Nearest(name, Catalog.Tables.Select(x => x.Name));
                Diagnostics.Error($"no table '{name}'{(near is null ? "" : $" (did you mean '{near}'?)")}; tables: {string.Join(", ", Catalog.Tables.Select(x => x.Name))}");
                return ExitCodes.BadUsage;
            }
            if (!OutputTarget.TryOpen(parse.GetValue(output), [], out OutputTarget? target))
            {
                return ExitCodes.BadUsage;
            }
            using (target)
            {
                target!.Writer.Write(text);
                target.Commit();
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
