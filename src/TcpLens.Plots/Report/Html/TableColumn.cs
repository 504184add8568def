namespace TcpLens.Plots.Report.Html;

/// <summary>A column of a sortable table: its heading, whether it sorts as numbers, and a tooltip saying what it holds.</summary>
internal sealed record TableColumn(string Header, bool Numeric = false, string? Tooltip = null);
