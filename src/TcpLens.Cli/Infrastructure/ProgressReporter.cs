using System.Diagnostics;
using System.Globalization;
using TcpLens.Capture.Files;
using TcpLens.Capture.Progress;

namespace TcpLens.Cli.Infrastructure;

/// <summary>
/// A run's progress on stderr, phase by phase (analyse, load, write...): for a phase that reads
/// captures, the share of the inputs' bytes read (compressed files by their compressed bytes),
/// the rate and the time left; for any other, its name and how long it has taken. Drawn from a
/// timer thread, so the readers only add to a counter; shown as <see cref="CliIo.Progress"/> says.
/// </summary>
internal sealed class ProgressReporter : IDisposable
{
    private const int TerminalTickMs = 250;
    private const int LogTickMs = 1000;
    private const long LogEveryMs = 10_000;

    private readonly CliIo _io;
    private readonly ProgressMode _mode;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Timer? _timer;

    private string? _phase;
    private long _total;          // bytes the phase reads; -1 when unknown (a pipe)
    private bool _reads;          // the phase counts bytes
    private ReadProgress? _read;
    private IDisposable? _tracking;
    private long _phaseStartMs;
    private long _lastLogMs;
    private bool _shown;
    private bool _disposed;

    public ProgressReporter(CliIo? io = null)
    {
        _io = io ?? CliIo.Current;
        _mode = _io.Progress;
        if (_mode != ProgressMode.Off)
        {
            int tick = _mode == ProgressMode.Terminal ? TerminalTickMs : LogTickMs;
            _timer = new Timer(_ => Tick(), null, tick, tick);
        }
    }

    /// <summary>
    /// Starts a phase that reads <paramref name="files"/> (<paramref name="readsPerFile"/> times
    /// each), ending the one before: readers opened from here on count into it.
    /// </summary>
    public void Reading(string phase, IEnumerable<string> files, int readsPerFile = 1)
    {
        long total = TotalBytes(files);
        Begin(phase, total < 0 ? total : total * readsPerFile, reads: true);
    }

    /// <summary>Starts a phase that reads no capture (writing a page, running a query).</summary>
    public void Working(string phase) => Begin(phase, 0, reads: false);

    /// <summary>
    /// The bytes the files hold on disk, or -1 when one is not a regular file (a pipe, standard
    /// input): then only what was read and the rate are shown.
    /// </summary>
    public static long TotalBytes(IEnumerable<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        long total = 0;
        foreach (string f in files)
        {
            FileIdentity id = FileIdentity.Of(f);
            if (id.Kind != FileKind.Regular)
            {
                return id.Kind == FileKind.Missing ? total : -1;
            }
            total += id.Size;
        }
        return total;
    }

    private void Begin(string phase, long total, bool reads)
    {
        EndPhase();
        lock (_io.ErrorGate)
        {
            _phase = phase;
            _total = total;
            _reads = reads;
            _phaseStartMs = _clock.ElapsedMilliseconds;
            _lastLogMs = _phaseStartMs;
            _read = reads && _mode != ProgressMode.Off ? new ReadProgress() : null;
        }
        if (_read is not null)
        {
            _tracking = ReadProgress.Track(_read);
        }
    }

    private void EndPhase()
    {
        _tracking?.Dispose();
        _tracking = null;
        lock (_io.ErrorGate)
        {
            if (_phase is null)
            {
                return;
            }
            if (_mode == ProgressMode.Log)
            {
                _io.Error.WriteLine("tcplens: progress: " + Describe(final: true));
            }
            EraseLocked();
            _phase = null;
        }
    }

    private void Tick()
    {
        lock (_io.ErrorGate)
        {
            if (_phase is null || _disposed)
            {
                return;
            }
            long now = _clock.ElapsedMilliseconds;
            if (_mode == ProgressMode.Log)
            {
                if (now - _lastLogMs >= LogEveryMs)
                {
                    _lastLogMs = now;
                    _io.Error.WriteLine("tcplens: progress: " + Describe(final: false));
                }
                return;
            }
            string line = Describe(final: false);
            int width = Math.Max(20, (_io.TableWidth ?? 80) - 1);
            if (line.Length > width)
            {
                line = line[..width];
            }
            _io.Error.Write("\r" + line + "\u001b[K");
            _io.Error.Flush();
            _shown = true;
            _io.ShownProgress = this;
        }
    }

    /// <summary>Erases the progress line (the caller holds <see cref="CliIo.ErrorGate"/>); the next tick draws it again.</summary>
    internal void EraseLocked()
    {
        if (_shown)
        {
            _io.Error.Write("\r\u001b[K");
            _io.Error.Flush();
            _shown = false;
        }
    }

    // "analyse  42.0%  431 MB of 1.0 GB  95 MB/s  6 s left"
    private string Describe(bool final)
    {
        double seconds = Math.Max(0.001, (_clock.ElapsedMilliseconds - _phaseStartMs) / 1000.0);
        if (!_reads || _read is null)
        {
            return _mode == ProgressMode.Log
                ? string.Create(CultureInfo.InvariantCulture, $"{_phase}: {seconds:F1} s")
                : string.Create(CultureInfo.InvariantCulture, $"{_phase}  {HumanTime(seconds)}");
        }
        long done = _read.BytesRead;
        double rate = done / seconds;
        if (final && _mode == ProgressMode.Log)
        {
            // exact figures for a log: what was read against what there was
            return string.Create(CultureInfo.InvariantCulture,
                $"{_phase}: {done} of {(_total >= 0 ? _total.ToString(CultureInfo.InvariantCulture) : "?")} bytes in {seconds:F1} s");
        }
        if (_total <= 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{_phase}  {HumanBytes(done)} read  {HumanBytes((long)rate)}/s");
        }
        double share = Math.Min(1.0, (double)done / _total);
        string left = rate > 0 && done < _total ? HumanTime((_total - done) / rate) + " left" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{_phase}  {share * 100,5:F1}%  {HumanBytes(done)} of {HumanBytes(_total)}  {HumanBytes((long)rate)}/s  {left}").TrimEnd();
    }

    private static string HumanBytes(long bytes) => bytes switch
    {
        < 1000 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e3:F0} kB"),
        < 1_000_000_000 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:F0} MB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e9:F2} GB"),
    };

    private static string HumanTime(double seconds) => seconds switch
    {
        < 60 => string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(seconds):F0} s"),
        < 3600 => string.Create(CultureInfo.InvariantCulture, $"{(int)(seconds / 60)} min {(int)(seconds % 60)} s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)(seconds / 3600)} h {(int)(seconds % 3600 / 60)} min"),
    };

    /// <summary>Ends the last phase and erases the line.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        EndPhase();
        lock (_io.ErrorGate)
        {
            _disposed = true;
            if (_io.ShownProgress == this)
            {
                _io.ShownProgress = null;
            }
        }
        _timer?.Dispose();
    }
}
