namespace TcpLens.Plots.Report.Html;

/// <summary>The report's style sheet, inline: the file must open anywhere, offline, with nothing fetched.</summary>
internal static class ReportStyle
{
    public const string Css = """
        :root { --fg: #1d232b; --muted: #5b6673; --line: #d8dee5; --bg: #ffffff; --panel: #f5f7fa; --accent: #1f5fa8; --bad: #b3261e; --warn: #8a5a00; }
        * { box-sizing: border-box; }
        body { margin: 0; color: var(--fg); background: var(--bg); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        header.top { background: #17324f; color: #fff; padding: 18px 28px; }
        header.top h1 { margin: 0 0 4px; font-size: 22px; font-weight: 600; }
        header.top p { margin: 0; color: #c9d6e4; font-size: 13px; }
        main { max-width: 1600px; margin: 0 auto; padding: 8px 28px 40px; }
        nav.toc { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 10px 18px; margin: 18px 0; }
        nav.toc h2 { font-size: 14px; margin: 0 0 4px; border: 0; padding: 0; }
        nav.toc ol { margin: 0; padding-left: 20px; columns: 2; }
        a { color: var(--accent); text-decoration: none; }
        a:hover { text-decoration: underline; }
        h2 { font-size: 18px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
        h3 { font-size: 15px; margin: 22px 0 6px; }
        p.note { color: var(--muted); margin: 4px 0 10px; }
        .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 10px; margin: 12px 0; }
        .card { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; }
        .card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
        .card .value { font-size: 20px; font-weight: 600; margin-top: 2px; font-variant-numeric: tabular-nums; }
        .card .sub { color: var(--muted); font-size: 12px; }
        .card.bad .value { color: var(--bad); }
        .warnings { border: 1px solid #e6c07b; background: #fff8e6; color: var(--warn); border-radius: 6px; padding: 8px 14px; margin: 12px 0; }
        .warnings ul { margin: 4px 0; padding-left: 20px; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 18px; margin: 8px 0; }
        dl.facts dt { color: var(--muted); }
        dl.facts dd { margin: 0; }
        .table-wrap { overflow-x: auto; margin: 8px 0 14px; }
        table { border-collapse: collapse; font-size: 13px; }
        th, td { border-bottom: 1px solid var(--line); padding: 4px 10px; text-align: left; vertical-align: top; white-space: nowrap; }
        th { background: var(--panel); position: sticky; top: 0; font-weight: 600; }
        table.sortable th { cursor: pointer; user-select: none; }
        table.sortable th::after { content: " \2195"; color: #a7b1bc; font-size: 11px; }
        table.sortable th[aria-sort="ascending"]::after { content: " \25B2"; color: var(--accent); }
        table.sortable th[aria-sort="descending"]::after { content: " \25BC"; color: var(--accent); }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        tbody tr:nth-child(even) { background: #fafbfc; }
        tbody tr:hover { background: #eef4fb; }
        tfoot td { font-weight: 600; border-top: 2px solid var(--line); }
        code, .filter { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
        code.filter { background: #eef1f5; border-radius: 3px; padding: 1px 4px; user-select: all; white-space: nowrap; }
        td small { display: block; color: var(--muted); }
        section.stream { border: 1px solid var(--line); border-radius: 6px; padding: 4px 16px 12px; margin: 16px 0; }
        .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(440px, 1fr)); gap: 12px; }
        .charts figure.wide { grid-column: 1 / -1; max-width: 1200px; }
        figure { margin: 0; }
        figure svg { width: 100%; height: auto; border: 1px solid var(--line); border-radius: 4px; background: #fff; }
        figcaption { color: var(--muted); font-size: 12px; margin-top: 2px; }
        ul.verdict li { margin: 3px 0; }
        footer { color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); margin-top: 36px; padding-top: 10px; }
        @media print { nav.toc { display: none; } th { position: static; } }
        """;
}
