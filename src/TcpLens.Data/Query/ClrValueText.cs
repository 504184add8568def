using System.Globalization;
using System.Numerics;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TcpLens.Data.Query;

/// <summary>
/// Text for values as DuckDB.NET reads them, for the statements DuckDB cannot be asked to
/// render (PRAGMA, EXPLAIN, CALL, several statements): their results are text, numbers and
/// booleans, written as DuckDB writes those; other values get their invariant .NET text.
/// </summary>
internal static class ClrValueText
{
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>The DuckDB type that DuckDB.NET reads as <paramref name="type"/>, as far as the output needs it (numbers or not).</summary>
    public static SqlType TypeOf(Type type)
    {
        string name = type == typeof(bool) ? "BOOLEAN"
            : type == typeof(sbyte) || type == typeof(short) || type == typeof(int) || type == typeof(long) || type == typeof(byte)
              || type == typeof(ushort) || type == typeof(uint) || type == typeof(ulong) || type == typeof(BigInteger) ? "BIGINT"
            : type == typeof(decimal) ? "DECIMAL"
            : type == typeof(double) || type == typeof(float) ? "DOUBLE"
            : "VARCHAR";
        return SqlType.Plain(name, name);
    }

    /// <summary><paramref name="value"/> in <paramref name="form"/>; null for JSON's null (NaN and infinities).</summary>
    public static string? Format(object value, ValueForm form)
    {
        string? number = value switch
        {
            bool b => b ? "true" : "false",
            double d => Floating(d, form),
            float f => Floating(f, form),
            IFormattable n when value is sbyte or short or int or long or byte or ushort or uint or ulong or BigInteger or decimal => n.ToString(null, CultureInfo.InvariantCulture),
            _ => null,
        };
        if (number is not null || value is double or float)
        {
            return number;
        }
        string text = value is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : value.ToString() ?? "";
        return form switch
        {
            ValueForm.Json => "\"" + JsonEncodedText.Encode(text, Encoder) + "\"",
            _ => text,
        };
    }

    // DuckDB's spelling of the special values; JSON has none of them
    private static string? Floating(double d, ValueForm form) =>
        double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal)
        : form == ValueForm.Json ? null
        : double.IsNaN(d) ? "nan" : d > 0 ? "inf" : "-inf";
}
