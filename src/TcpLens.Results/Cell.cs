using TcpLens.Analysis;
using TcpLens.Capture;
using TcpLens.Capture.Decoding;

namespace TcpLens.Results;

/// <summary>
/// One typed value of a row, or its absence: a small struct (numbers, times and addresses held
/// inline, text by reference), so building a row allocates nothing but the text it carries.
/// </summary>
#pragma warning disable CA1720 // factories are named after the kinds of value they make
public readonly struct Cell
{
    private readonly long _a, _b;
    private readonly object? _ref;

    private Cell(ValueKind kind, bool present, long a, long b = 0, object? reference = null)
    {
        Kind = kind;
        HasValue = present;
        _a = a;
        _b = b;
        _ref = reference;
    }

    /// <summary>The column kind the value was made for.</summary>
    public ValueKind Kind { get; }

    /// <summary>False for an absent value (empty in CSV and tables, null in JSON and SQL).</summary>
    public bool HasValue { get; }

    /// <summary>A whole number, or absent.</summary>
    public static Cell Integer(long? value) => new(ValueKind.Integer, value.HasValue, value ?? 0);

    /// <summary>A duration in nanoseconds, or absent.</summary>
    public static Cell Seconds(long? nanoseconds) => new(ValueKind.Seconds, nanoseconds.HasValue, nanoseconds ?? 0, nanoseconds < 0 ? -1 : 0);

    /// <summary>A duration in nanoseconds too long for 64 bits (a damaged file's timestamps), or absent.</summary>
    public static Cell Seconds(Int128? nanoseconds) =>
        new(ValueKind.Seconds, nanoseconds.HasValue, (long)(ulong)(nanoseconds ?? 0), (long)((nanoseconds ?? 0) >> 64));

    /// <summary>An instant, or absent.</summary>
    public static Cell Time(Timestamp? value) => new(ValueKind.Timestamp, value.HasValue, value?.Seconds ?? 0, value?.Nanoseconds ?? 0);

    /// <summary>true or false, or absent.</summary>
    public static Cell Boolean(bool? value) => new(ValueKind.Boolean, value.HasValue, value == true ? 1 : 0);

    /// <summary>Text; null is absent (an empty string is a value).</summary>
    public static Cell Text(string? value) => new(ValueKind.Text, value is not null, 0, 0, value);

    /// <summary>An address.</summary>
    public static Cell Address(NetAddress value) => new(ValueKind.Address, true, (long)value.High, (long)value.Low);

    /// <summary>Analysis flags (none is an empty list, not an absent value).</summary>
    public static Cell Flags(AnalysisFlags value) => new(ValueKind.Flags, true, (long)value);

    /// <summary>A list of text values (empty is a value: an empty list).</summary>
    public static Cell List(IReadOnlyList<string> values) => new(ValueKind.List, true, 0, 0, values ?? throw new ArgumentNullException(nameof(values)));

    /// <summary>A list of whole numbers (JSON numbers in an array, ';'-separated in text).</summary>
    public static Cell List(IEnumerable<long> values) =>
        new(ValueKind.List, true, 1, 0, values.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());

    /// <summary>A decimal number given unscaled (1250 at scale 2 is 12.50), or absent.</summary>
    public static Cell Decimal(long? unscaled, int scale) => new(ValueKind.Decimal, unscaled.HasValue, unscaled ?? 0, scale);

    /// <summary>The integer, or the duration's nanoseconds.</summary>
    public long AsInteger => _a;

    /// <summary>The duration's nanoseconds, exactly.</summary>
    public Int128 AsNanoseconds => new((ulong)_b, (ulong)_a);

    /// <summary>The instant.</summary>
    public Timestamp AsTime => new(_a, (int)_b);

    /// <summary>The boolean.</summary>
    public bool AsBoolean => _a != 0;

    /// <summary>The text.</summary>
    public string AsText => _ref as string ?? "";

    /// <summary>True for a list of whole numbers.</summary>
    public bool IsNumberList => Kind == ValueKind.List && _a == 1;

    /// <summary>The list.</summary>
    public IReadOnlyList<string> AsList => _ref as IReadOnlyList<string> ?? [];

    /// <summary>The address.</summary>
    public NetAddress AsAddress => new((ulong)_a, (ulong)_b);

    /// <summary>The flags.</summary>
    public AnalysisFlags AsFlags => (AnalysisFlags)_a;

    /// <summary>The decimal's unscaled value.</summary>
    public long Unscaled => _a;

    /// <summary>The decimal's scale (digits after the point).</summary>
    public int Scale => (int)_b;

    /// <summary>
    /// Orders two cells of one column by value (absent first): numbers as numbers, instants as
    /// instants, text ordinally. For sorting on typed values, never on their text.
    /// </summary>
    public static int Compare(in Cell x, in Cell y)
    {
        if (x.HasValue != y.HasValue)
        {
            return x.HasValue ? 1 : -1;
        }
        if (!x.HasValue)
        {
            return 0;
        }
        return x.Kind switch
        {
            ValueKind.Text => string.CompareOrdinal(x.AsText, y.AsText),
            ValueKind.List => string.CompareOrdinal(string.Join(';', x.AsList), string.Join(';', y.AsList)),
            ValueKind.Address => x.AsAddress.CompareTo(y.AsAddress),
            ValueKind.Timestamp => x.AsTime.CompareTo(y.AsTime),
            ValueKind.Decimal when x.Scale != y.Scale => ((decimal)x.Unscaled / Pow10(x.Scale)).CompareTo((decimal)y.Unscaled / Pow10(y.Scale)),
            ValueKind.Seconds => x.AsNanoseconds.CompareTo(y.AsNanoseconds),
            _ => x._a.CompareTo(y._a),
        };
    }

    private static decimal Pow10(int n)
    {
        decimal p = 1;
        for (int i = 0; i < n; i++)
        {
            p *= 10;
        }
        return p;
    }
}
#pragma warning restore CA1720
