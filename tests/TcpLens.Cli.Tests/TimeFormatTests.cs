using System.Text.Json;

namespace TcpLens.Cli.Tests;

/// <summary>--time-format on every command that prints times: the same instants, written four ways.</summary>
public class TimeFormatTests
{
    private static string Data(string name) => Path.Combine(TestFiles.TestData, name);

    private static string Pair(string name, string side) => Path.Combine(TestFiles.TestData, "twopoint", $"{name}-{side}.pcap");

    public static TheoryData<string[], string> Commands() => new()
    {
        { ["info", Data("lossy.pcap")], "first" },
        { ["packets", Data("lossy.pcap")], "time" },
        { ["sessions", Data("lossy.pcap")], "start" },
        { ["resets", Data("rst-client.pcap")], "rst_time" },
        { ["quality", Data("lossy.pcap")], "first_syn" },
        { ["ladder", Data("lossy.pcap"), "--stream", "0"], "time" },
        { ["match", Pair("loss", "client"), Pair("loss", "server")], "client_start" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void Each_format_writes_the_same_instant(string[] args, string column)
    {
        JsonElement First(string format) =>
            JsonDocument.Parse(CliRunner.Run([.. args, "--format", "json", "--time-format", format]).OutLines[0]).RootElement.GetProperty(column);

        JsonElement epoch = First("epoch"), iso = First("iso"), relative = First("relative"), local = First("local");
        decimal seconds = epoch.GetDecimal();
        Assert.Equal(JsonValueKind.String, iso.ValueKind);
        Assert.EndsWith("Z", iso.GetString(), StringComparison.Ordinal);
        DateTimeOffset parsed = DateTimeOffset.Parse(iso.GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(seconds, parsed.ToUnixTimeMilliseconds() / 1000m + parsed.Ticks % TimeSpan.TicksPerMillisecond / 10_000_000m);
        Assert.Equal(parsed, DateTimeOffset.Parse(local.GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(JsonValueKind.Number, relative.ValueKind);
        Assert.True(relative.GetDecimal() >= 0 && relative.GetDecimal() < seconds);
    }

    [Fact]
    public void Csv_relative_times_count_from_the_captures_first_frame()
    {
        CliResult r = CliRunner.Run("packets", Data("lossy.pcap"), "--format", "csv", "--time-format", "relative", "--columns", "frame,time");

        // frame 1 of lossy.pcap is an ARP frame: the first TCP frame, 8, is 0.873521 s later
        Assert.Equal("frame,time", r.OutLines[0]);
        Assert.Equal("8,0.873521000", r.OutLines[1]);
    }

    [Fact]
    public void An_unknown_time_format_is_a_usage_error_naming_the_valid_ones()
    {
        CliResult r = CliRunner.Run("sessions", Data("lossy.pcap"), "--time-format", "utc");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains(r.ErrLines, l => l.Contains("epoch", StringComparison.Ordinal) && l.Contains("relative", StringComparison.Ordinal));
        Assert.True(r.HasNoStackTrace);
    }
}
