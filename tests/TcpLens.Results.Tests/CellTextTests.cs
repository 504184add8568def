using TcpLens.Analysis;
using TcpLens.Capture;
using TcpLens.Capture.Decoding;

namespace TcpLens.Results.Tests;

/// <summary>The one text form of every kind of value, at its edges.</summary>
public class CellTextTests
{
    private static string T(in Cell c, CellFormat? f = null) => CellText.Format(c, f);

    [Fact]
    public void Durations_are_exact_seconds_with_nine_decimals_either_sign()
    {
        Assert.Equal("0.000000000", T(Cell.Seconds(0L)));
        Assert.Equal("0.006667000", T(Cell.Seconds(6_667_000L)));
        Assert.Equal("-0.000025000", T(Cell.Seconds(-25_000L)));
        Assert.Equal("-9223372036.854775808", T(Cell.Seconds(long.MinValue)));
        Assert.Equal("9223372036.854775807", T(Cell.Seconds(long.MaxValue)));
        // longer than 64 bits (a damaged file's timestamps 600 years apart)
        Assert.Equal("18446744073.709551616", T(Cell.Seconds((Int128)ulong.MaxValue + 1)));
        Assert.Equal("", T(Cell.Seconds((long?)null)));
    }

    [Fact]
    public void Zero_is_a_value_and_absent_is_empty()
    {
        Assert.Equal("0", T(Cell.Integer(0)));
        Assert.Equal("", T(Cell.Integer(null)));
        Assert.Equal("", T(Cell.Text(null)));
        Assert.Equal("", T(Cell.Text("")));
        Assert.True(Cell.Text("").HasValue);
    }

    [Fact]
    public void Epoch_times_are_tsharks_frame_time_epoch_for_any_timestamp()
    {
        Assert.Equal("1795481189.184235000", T(Cell.Time(new Timestamp(1795481189, 184235000))));
        Assert.Equal("-1.500000000", T(Cell.Time(new Timestamp(-2, 500_000_000))));
        // a pcap record whose microseconds are out of range is shown as Wireshark shows it
        Assert.Equal("11.000000000", T(Cell.Time(new Timestamp(10, 1_000_000_000))));
        Assert.Equal("9223372036854775807.999999999", T(Cell.Time(new Timestamp(long.MaxValue, 999_999_999))));
    }

    [Fact]
    public void Iso_times_keep_the_fraction_the_value_has()
    {
        var iso = new CellFormat(TimeFormat.Iso);
        Assert.Equal("2026-11-24T15:00:01Z", T(Cell.Time(new Timestamp(1795532401, 0)), iso));
        Assert.Equal("2026-11-24T15:00:01.250Z", T(Cell.Time(new Timestamp(1795532401, 250_000_000)), iso));
        Assert.Equal("2026-11-24T15:00:01.184235Z", T(Cell.Time(new Timestamp(1795532401, 184_235_000)), iso));
        Assert.Equal("2026-11-24T15:00:01.000000001Z", T(Cell.Time(new Timestamp(1795532401, 1)), iso));
        // outside the calendar's years: the exact epoch seconds rather than a wrong date
        Assert.Equal("9223372036854775807.000000000", T(Cell.Time(new Timestamp(long.MaxValue, 0)), iso));
    }

    [Fact]
    public void Local_times_carry_the_zones_offset_and_relative_times_count_from_the_origin()
    {
        TimeZoneInfo zone = TimeZoneInfo.CreateCustomTimeZone("plus5h30", TimeSpan.FromMinutes(330), "plus5h30", "plus5h30");
        Assert.Equal("2026-11-24T20:30:01.500+05:30", T(Cell.Time(new Timestamp(1795532401, 500_000_000)), new CellFormat(TimeFormat.Local, null, zone)));
        var origin = new TimeOrigin { Value = new Timestamp(1795532400, 0) };
        var relative = new CellFormat(TimeFormat.Relative, origin);
        Assert.Equal("1.500000000", T(Cell.Time(new Timestamp(1795532401, 500_000_000)), relative));
        Assert.Equal("-0.250000000", T(Cell.Time(new Timestamp(1795532399, 750_000_000)), relative));
        // no origin set: the first time written is the origin
        var unset = new CellFormat(TimeFormat.Relative, new TimeOrigin());
        Assert.Equal("0.000000000", T(Cell.Time(new Timestamp(100, 5)), unset));
        Assert.Equal("1.000000000", T(Cell.Time(new Timestamp(101, 5)), unset));
    }

    [Fact]
    public void Decimals_flags_lists_booleans_and_addresses()
    {
        Assert.Equal("100.00", T(Cell.Decimal(10_000, 2)));
        Assert.Equal("0.05", T(Cell.Decimal(5, 2)));
        Assert.Equal("-1.50", T(Cell.Decimal(-150, 2)));
        Assert.Equal("retransmission;fast_retransmission", T(Cell.Flags(AnalysisFlags.Retransmission | AnalysisFlags.FastRetransmission)));
        Assert.Equal("", T(Cell.Flags(AnalysisFlags.None)));
        Assert.Equal("a;b", T(Cell.List(["a", "b"])));
        Assert.Equal("5;13", T(Cell.List(new long[] { 5, 13 })));
        Assert.Equal("true", T(Cell.Boolean(true)));
        Assert.Equal("false", T(Cell.Boolean(false)));
        Assert.Equal("10.77.1.2", T(Cell.Address(NetAddress.Parse("10.77.1.2"))));
        Assert.Equal("255.255.255.255", T(Cell.Address(NetAddress.Parse("255.255.255.255"))));
        Assert.Equal("fd77:1::2", T(Cell.Address(NetAddress.Parse("fd77:1::2"))));
        Assert.Equal("::1", T(Cell.Address(NetAddress.Parse("::1"))));
    }

    [Fact]
    public void Utf8_and_text_forms_agree()
    {
        Cell[] cells =
        [
            Cell.Integer(-42), Cell.Seconds(123_456_789L), Cell.Time(new Timestamp(1, 2)), Cell.Boolean(true), Cell.Text("héllo, \"x\""),
            Cell.Address(NetAddress.Parse("2001:db8::1")), Cell.Flags(AnalysisFlags.ReusedPorts), Cell.Decimal(1, 2), Cell.List(["x"]),
        ];
        Span<byte> buffer = stackalloc byte[1024];
        foreach (Cell c in cells)
        {
            Assert.True(CellText.TryFormatUtf8(c, buffer, out int n));
            Assert.Equal(T(c), System.Text.Encoding.UTF8.GetString(buffer[..n]));
        }
    }

    [Fact]
    public void Cells_compare_by_value_with_absent_first()
    {
        Assert.True(Cell.Compare(Cell.Integer(9), Cell.Integer(10)) < 0); // not as text
        Assert.True(Cell.Compare(Cell.Integer(null), Cell.Integer(-5)) < 0);
        Assert.True(Cell.Compare(Cell.Seconds(1L), Cell.Seconds(-1L)) > 0);
        Assert.True(Cell.Compare(Cell.Time(new Timestamp(2, 0)), Cell.Time(new Timestamp(1, 999_999_999))) > 0);
        Assert.True(Cell.Compare(Cell.Address(NetAddress.Parse("10.0.0.9")), Cell.Address(NetAddress.Parse("10.0.0.10"))) < 0);
        Assert.True(Cell.Compare(Cell.Decimal(150, 2), Cell.Decimal(15, 1)) == 0);
    }
}
