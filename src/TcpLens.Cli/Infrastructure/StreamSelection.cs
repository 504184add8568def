using System.CommandLine;
using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;
using TcpLens.Capture.Decoding;
using TcpLens.Reports.Ladder;

namespace TcpLens.Cli.Infrastructure;

/// <summary>The --stream N / --conn A:P-B:Q pair of options that name one connection (ladder, plot).</summary>
internal sealed class StreamSelection
{
    public Option<int?> Stream { get; } = new("--stream") { HelpName = "N", Description = "The connection by Wireshark's tcp.stream index." };

    public Option<string?> Conn { get; } = new("--conn") { HelpName = "A:P-B:Q", Description = "The connection by its endpoints, either way round (10.0.0.1:40000-10.0.0.2:443; IPv6 in brackets)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Stream);
        command.Options.Add(Conn);
    }

    /// <summary>What was asked: a stream number or two endpoints; false (after a one-line error) for bad usage.</summary>
    public bool TryParse(ParseResult parse, out int? stream, out (Endpoint A, Endpoint B)? ends)
    {
        stream = parse.GetValue(Stream);
        ends = null;
        string? c = parse.GetValue(Conn);
        if ((stream is null) == (c is null) || stream < 0)
        {
            Diagnostics.Error("give one of --stream N (N >= 0) or --conn A:P-B:Q");
            return false;
        }
        if (c is not null)
        {
            int dash = c.IndexOf('-', c.StartsWith('[') ? c.IndexOf(']', StringComparison.Ordinal) + 1 : 0);
            if (dash < 0 || !Endpoint.TryParse(c[..dash].Trim(), out Endpoint a) || !Endpoint.TryParse(c[(dash + 1)..].Trim(), out Endpoint b))
            {
                Diagnostics.Error($"--conn: '{c}' is not ADDR:PORT-ADDR:PORT");
                return false;
            }
            ends = (a, b);
        }
        return true;
    }

    /// <summary>
    /// The stream of the endpoints (a first reading of <paramref name="file"/>), warning when ports
    /// were reused; -1 when no connection has them; null when the file cannot be read.
    /// </summary>
    public static int? FindStream(string file, (Endpoint A, Endpoint B) ends, ProgressReporter progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        progress.Reading("find the connection", [file]);
        if (!CaptureInput.TryOpen(file, readAhead: true, out TcpCapture scan))
        {
            return null;
        }
        using (scan)
        {
            int stream = Ladder.FindStream(scan, ends.A, ends.B, out List<int> others);
            if (others.Count > 0)
            {
                Diagnostics.Warning($"these endpoints also form streams {string.Join(", ", others)} (ports reused); showing stream {stream}");
            }
            return stream;
        }
    }

    /// <summary>
    /// Reads the connection asked for (by stream, or by endpoints found in a first reading) with
    /// <paramref name="build"/>; null after a one-line error when there is nothing to show, with
    /// the exit code in <paramref name="exit"/>: bad input when the file cannot be read, bad usage
    /// when it has no such connection.
    /// </summary>
    public static T? Read<T>(string file, int? stream, (Endpoint A, Endpoint B)? ends, bool readAhead,
        Func<TcpCapture, int, T?> build, ProgressReporter progress, out int exit) where T : class
    {
        ArgumentNullException.ThrowIfNull(progress);
        exit = ExitCodes.BadInput;
        if (ends is { } e && (stream = FindStream(file, e, progress)) is null)
        {
            return null;
        }
        progress.Reading("read", [file]);
        if (!CaptureInput.TryOpen(file, readAhead, out TcpCapture capture))
        {
            return null;
        }
        T? result;
        using (capture)
        {
            result = stream >= 0 ? build(capture, stream.Value) : null;
            if (capture.Error is { } error)
            {
                Diagnostics.ReadStopped(error, capture.Reader.FramesRead);
                if (capture.Reader.FramesRead == 0)
                {
                    return null;
                }
            }
        }
        if (result is null)
        {
            Diagnostics.Error(stream >= 0 ? $"{file}: no TCP stream {stream}" : $"{file}: no TCP connection between those endpoints");
            exit = ExitCodes.BadUsage;
        }
        return result;
    }
}
