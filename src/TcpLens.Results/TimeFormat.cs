namespace TcpLens.Results;

/// <summary>How instants are written (durations are always seconds).</summary>
public enum TimeFormat
{
    /// <summary>Epoch seconds with nine decimals, exactly as tshark's frame.time_epoch (the default, for scripts).</summary>
    Epoch,
    /// <summary>ISO 8601 in UTC with the fraction the values have (milli-, micro- or nanoseconds) and a Z.</summary>
    Iso,
    /// <summary>ISO 8601 in this machine's time zone, with its offset.</summary>
    Local,
    /// <summary>Seconds since the capture's first frame, with nine decimals.</summary>
    Relative,
}

/// <summary>Names of <see cref="TimeFormat"/> as the --time-format option takes them.</summary>
public static class TimeFormatNames
{
    /// <summary>epoch, iso, local, relative.</summary>
    public static IReadOnlyList<string> All { get; } = ["epoch", "iso", "local", "relative"];

    /// <summary>Parses a name of <see cref="All"/>.</summary>
    public static bool TryParse(string? text, out TimeFormat format)
    {
        int i = text is null ? -1 : All.ToList().IndexOf(text.ToLowerInvariant());
        format = i < 0 ? TimeFormat.Epoch : (TimeFormat)i;
        return i >= 0;
    }
}

/// <summary>
/// The instant relative times count from: the capture's first frame, set by whoever reads the
/// capture before the first row is written; when nobody set it, the first instant written.
/// </summary>
public sealed class TimeOrigin
{
    /// <summary>The origin, once known.</summary>
    public Capture.Timestamp? Value { get; set; }
}

/// <summary>How cells become text: the time format, the origin of relative times and the zone of local ones.</summary>
/// <param name="Time">How instants are written.</param>
/// <param name="Origin">Where relative times count from.</param>
/// <param name="Zone">The zone of local times (this machine's when null).</param>
public sealed record CellFormat(TimeFormat Time = TimeFormat.Epoch, TimeOrigin? Origin = null, TimeZoneInfo? Zone = null)
{
    /// <summary>Epoch seconds: the format of every output unless asked otherwise.</summary>
    public static CellFormat Default { get; } = new();

    /// <summary>True when instants are written as numbers (epoch or relative seconds), false for ISO text.</summary>
    public bool TimesAreNumbers => Time is TimeFormat.Epoch or TimeFormat.Relative;

    /// <summary>The origin of relative times: the one set, else <paramref name="first"/> (which becomes it).</summary>
    internal Capture.Timestamp OriginFor(Capture.Timestamp first)
    {
        if (Origin is null)
        {
            return first;
        }
        Origin.Value ??= first;
        return Origin.Value.Value;
    }
}
