using System.Globalization;

namespace TcpLens.Results;

/// <summary>Values as a person reads them in a terminal table (CSV and JSON keep the exact values).</summary>
public static class HumanText
{
    /// <summary>A duration in the unit that reads best: "0.004 ms", "4.522 ms", "132.9 ms", "1.048 s", "125.3 s".</summary>
    public static string Duration(long ns)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        long magnitude = ns == long.MinValue ? long.MaxValue : Math.Abs(ns);
        return magnitude < 10_000_000 ? (ns / 1e6).ToString("0.000", inv) + " ms"
            : magnitude < 1_000_000_000 ? (ns / 1e6).ToString("0.0", inv) + " ms"
            : magnitude < 100_000_000_000 ? (ns / 1e9).ToString("0.000", inv) + " s"
            : (ns / 1e9).ToString("0.0", inv) + " s";
    }

    /// <summary>The cell as a terminal table shows it: durations in ms or s, the rest as <see cref="CellText"/> writes it.</summary>
    public static string Format(in Cell cell, CellFormat format) =>
        cell.HasValue && cell.Kind == ValueKind.Seconds && cell.AsNanoseconds >= long.MinValue && cell.AsNanoseconds <= long.MaxValue
            ? Duration((long)cell.AsNanoseconds) : CellText.Format(cell, format);
}
