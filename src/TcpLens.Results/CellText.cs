using System.Buffers.Text;
using System.Globalization;
using System.Text;
using TcpLens.Analysis;
using TcpLens.Capture.Decoding;

namespace TcpLens.Results;

/// <summary>
/// The text of a cell, the one form CSV, terminal tables and JSON numbers share: integers in
/// invariant digits, durations and epoch times with nine decimals computed exactly (no floating
/// point), decimals at their scale, booleans true/false, flags ';'-separated, addresses as
/// Wireshark prints them. Numbers, times and IPv4 addresses are written without allocating.
/// </summary>
public static class CellText
{
    /// <summary>The longest text of a non-text cell (an IPv6 address, an ISO time with offset, every flag name).</summary>
    public const int MaxFormatted = 512;

    /// <summary>The cell as text; an absent value is the empty string.</summary>
    public static string Format(in Cell cell, CellFormat? format = null)
    {
        if (!cell.HasValue)
        {
            return "";
        }
        if (cell.Kind == ValueKind.Text)
        {
            return cell.AsText;
        }
        if (cell.Kind == ValueKind.List)
        {
            return string.Join(';', cell.AsList);
        }
        Span<char> buffer = stackalloc char[MaxFormatted];
        return TryFormat(cell, buffer, out int n, format) ? new string(buffer[..n]) : Fallback(cell);
    }

    /// <summary>Writes a non-text cell's characters (ASCII, but for nothing) into <paramref name="dest"/>.</summary>
    public static bool TryFormat(in Cell cell, Span<char> dest, out int written, CellFormat? format = null)
    {
        written = 0;
        if (!cell.HasValue)
        {
            return true;
        }
        CultureInfo inv = CultureInfo.InvariantCulture;
        switch (cell.Kind)
        {
            case ValueKind.Integer:
                return cell.AsInteger.TryFormat(dest, out written, default, inv);
            case ValueKind.Seconds:
                return TryNanoseconds(cell.AsNanoseconds, dest, out written);
            case ValueKind.Timestamp:
                return TryTime(cell, dest, out written, format ?? CellFormat.Default);
            case ValueKind.Boolean:
                string word = cell.AsBoolean ? "true" : "false";
                written = word.Length;
                return word.TryCopyTo(dest);
            case ValueKind.Decimal:
                return TryDecimal(cell.Unscaled, cell.Scale, dest, out written);
            case ValueKind.Address:
                return TryAddress(cell.AsAddress, dest, out written);
            case ValueKind.Flags:
                return TryFlags(cell.AsFlags, dest, out written);
            default:
                string text = cell.AsText;
                written = text.Length;
                return text.TryCopyTo(dest);
        }
    }

    /// <summary>Nanoseconds as seconds with nine decimals, exactly; negative durations keep their sign.</summary>
    public static bool TryNanoseconds(Int128 ns, Span<char> dest, out int written)
    {
        written = 0;
        Int128 magnitude = Int128.Abs(ns == Int128.MinValue ? ns + 1 : ns);
        int at = 0;
        if (ns < 0)
        {
            if (dest.IsEmpty)
            {
                return false;
            }
            dest[at++] = '-';
        }
        (Int128 whole, Int128 fraction) = Int128.DivRem(magnitude, 1_000_000_000);
        if (!whole.TryFormat(dest[at..], out int w, default, CultureInfo.InvariantCulture) || dest.Length < at + w + 10)
        {
            return false;
        }
        at += w;
        dest[at++] = '.';
        ((long)fraction).TryFormat(dest[at..], out w, "D9", CultureInfo.InvariantCulture);
        written = at + w;
        return true;
    }

    private static bool TryTime(in Cell cell, Span<char> dest, out int written, CellFormat format)
    {
        Capture.Timestamp t = cell.AsTime;
        switch (format.Time)
        {
            case TimeFormat.Relative:
                Int128 delta = t.ExactNanoseconds - format.OriginFor(t).ExactNanoseconds;
                if (delta > long.MaxValue || delta < long.MinValue)
                {
                    return TryEpoch(t, dest, out written);
                }
                return TryNanoseconds((long)delta, dest, out written);
            case TimeFormat.Iso or TimeFormat.Local:
                return TryIso(t, format, dest, out written) || TryEpoch(t, dest, out written);
            default:
                return TryEpoch(t, dest, out written);
        }
    }

    // frame.time_epoch as tshark prints it, for any timestamp a file can hold (before 1970: a sign and the magnitude)
    private static bool TryEpoch(Capture.Timestamp t, Span<char> dest, out int written) => TryNanoseconds(t.ExactNanoseconds, dest, out written);

    // ISO 8601 with the fraction the value has (none, milli-, micro- or nanoseconds); false when
    // the instant is outside what the calendar types hold (a damaged file's year 9999+ or before 1)
    private static bool TryIso(Capture.Timestamp t, CellFormat format, Span<char> dest, out int written)
    {
        written = 0;
        (Int128 secs, Int128 nanos) = Int128.DivRem(t.ExactNanoseconds, 1_000_000_000);
        if (nanos < 0)
        {
            secs--;
            nanos += 1_000_000_000L;
        }
        const long MinSeconds = -62_135_596_800, MaxSeconds = 253_402_300_799; // 0001-01-01 .. 9999-12-31
        if (secs < MinSeconds || secs > MaxSeconds)
        {
            return false;
        }
        DateTimeOffset utc = DateTimeOffset.FromUnixTimeSeconds((long)secs);
        DateTimeOffset at = format.Time == TimeFormat.Local ? TimeZoneInfo.ConvertTime(utc, format.Zone ?? TimeZoneInfo.Local) : utc;
        if (!at.DateTime.TryFormat(dest, out int w, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture))
        {
            return false;
        }
        int digits = (long)nanos % 1_000_000 == 0 ? ((long)nanos == 0 ? 0 : 3) : (long)nanos % 1_000 == 0 ? 6 : 9;
        if (digits > 0)
        {
            if (dest.Length < w + 1 + digits)
            {
                return false;
            }
            dest[w++] = '.';
            long fraction = (long)nanos / (digits == 3 ? 1_000_000 : digits == 6 ? 1_000 : 1);
            fraction.TryFormat(dest[w..], out int f, digits == 3 ? "D3" : digits == 6 ? "D6" : "D9", CultureInfo.InvariantCulture);
            w += f;
        }
        if (format.Time == TimeFormat.Iso)
        {
            if (dest.Length < w + 1)
            {
                return false;
            }
            dest[w++] = 'Z';
        }
        else if (!at.TryFormat(dest[w..], out int z, "zzz", CultureInfo.InvariantCulture))
        {
            return false;
        }
        else
        {
            w += z;
        }
        written = w;
        return true;
    }

    private static bool TryDecimal(long unscaled, int scale, Span<char> dest, out int written)
    {
        written = 0;
        if (scale <= 0)
        {
            return unscaled.TryFormat(dest, out written, default, CultureInfo.InvariantCulture);
        }
        long pow = 1;
        for (int i = 0; i < scale; i++)
        {
            pow *= 10;
        }
        ulong magnitude = unscaled < 0 ? (ulong)(-(unscaled + 1)) + 1 : (ulong)unscaled;
        int at = 0;
        if (unscaled < 0)
        {
            dest[at++] = '-';
        }
        if (!(magnitude / (ulong)pow).TryFormat(dest[at..], out int w, default, CultureInfo.InvariantCulture) || dest.Length < at + w + 1 + scale)
        {
            return false;
        }
        at += w;
        dest[at++] = '.';
        (magnitude % (ulong)pow).TryFormat(dest[at..], out w, "D" + scale.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        written = at + w;
        return true;
    }

    // dotted IPv4 without allocating; IPv6 as .NET writes RFC 5952 text (as Wireshark prints it)
    private static bool TryAddress(NetAddress a, Span<char> dest, out int written)
    {
        written = 0;
        if (!a.IsIPv4)
        {
            return a.ToIPAddress().TryFormat(dest, out written);
        }
        uint v = (uint)a.Low;
        int at = 0;
        for (int shift = 24; shift >= 0; shift -= 8)
        {
            if (!((v >> shift) & 0xFF).TryFormat(dest[at..], out int w, default, CultureInfo.InvariantCulture))
            {
                return false;
            }
            at += w;
            if (shift > 0)
            {
                if (at >= dest.Length)
                {
                    return false;
                }
                dest[at++] = '.';
            }
        }
        written = at;
        return true;
    }

    private static bool TryFlags(AnalysisFlags flags, Span<char> dest, out int written)
    {
        written = 0;
        IReadOnlyList<string> names = AnalysisFlagNames.All;
        for (int i = 0; i < names.Count; i++)
        {
            if (((int)flags & (1 << i)) == 0)
            {
                continue;
            }
            if (written > 0)
            {
                if (written >= dest.Length)
                {
                    return false;
                }
                dest[written++] = ';';
            }
            if (!names[i].TryCopyTo(dest[written..]))
            {
                return false;
            }
            written += names[i].Length;
        }
        return true;
    }

    private static string Fallback(in Cell cell) => cell.Kind switch
    {
        ValueKind.List => string.Join(';', cell.AsList),
        ValueKind.Address => cell.AsAddress.ToString(),
        ValueKind.Flags => AnalysisFlagNames.Join(cell.AsFlags),
        _ => cell.AsText,
    };

    /// <summary>Writes the cell as UTF-8 (text cells encoded, the rest formatted) into <paramref name="dest"/>.</summary>
    public static bool TryFormatUtf8(in Cell cell, Span<byte> dest, out int written, CellFormat? format = null)
    {
        written = 0;
        if (!cell.HasValue)
        {
            return true;
        }
        if (cell.Kind is ValueKind.Text or ValueKind.List)
        {
            string text = cell.Kind == ValueKind.Text ? cell.AsText : string.Join(';', cell.AsList);
            if (Encoding.UTF8.GetMaxByteCount(text.Length) > dest.Length && Encoding.UTF8.GetByteCount(text) > dest.Length)
            {
                return false;
            }
            written = Encoding.UTF8.GetBytes(text, dest);
            return true;
        }
        if (cell.Kind == ValueKind.Integer)
        {
            return Utf8Formatter.TryFormat(cell.AsInteger, dest, out written);
        }
        Span<char> chars = stackalloc char[MaxFormatted];
        if (!TryFormat(cell, chars, out int n, format))
        {
            string s = Fallback(cell);
            if (Encoding.UTF8.GetByteCount(s) > dest.Length)
            {
                return false;
            }
            written = Encoding.UTF8.GetBytes(s, dest);
            return true;
        }
        if (n > dest.Length)
        {
            return false;
        }
        for (int i = 0; i < n; i++)
        {
            dest[i] = (byte)chars[i]; // formatted numbers, times and addresses are ASCII
        }
        written = n;
        return true;
    }
}
