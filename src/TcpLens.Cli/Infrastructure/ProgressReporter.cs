using System.Diagnostics;
using System.Globalization;

namespace TcpLens.Cli.Infrastructure;

/// <summary>
/// A one-line progress display on stderr, updated a few times a second, shown only when stderr
/// is a terminal so scripts and logs never see it.
/// </summary>
internal sealed class ProgressReporter : IDisposable
{
    private readonly bool _enabled;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastDraw = -1000;
    private bool _drawn;

    public ProgressReporter(bool? enabled = null)
    {
        _enabled = enabled ?? (CliIo.Current.ErrorIsTerminal && Environment.GetEnvironmentVariable("TCPLENS_NO_PROGRESS") is null);
    }

    public bool Enabled => _enabled;

    /// <summary>Reports bytes done out of a total (0 when unknown) for the named file.</summary>
    public void Report(string file, long bytesDone, long bytesTotal)
    {
        if (!_enabled)
        {
            return;
        }
        long now = _clock.ElapsedMilliseconds;
        if (now - _lastDraw < 200)
        {
            return;
        }
        _lastDraw = now;
        double mb = bytesDone / 1048576.0;
        double rate = mb / Math.Max(0.001, now / 1000.0);
        string pct = bytesTotal > 0 ? string.Create(CultureInfo.InvariantCulture, $"{Math.Min(100.0, 100.0 * bytesDone / bytesTotal),5:F1}% ") : "";
        string name = Path.GetFileName(file);
        CliIo.Current.Error.Write(string.Create(CultureInfo.InvariantCulture, $"\r{name}: {pct}{mb:F0} MB read, {rate:F0} MB/s   "));
        _drawn = true;
    }

    /// <summary>Erases the progress line.</summary>
    public void Clear()
    {
        if (_drawn)
        {
            CliIo.Current.Error.Write("\r\u001b[K");
            _drawn = false;
        }
    }

    public void Dispose() => Clear();
}
