using TcpLens.Capture;

namespace TcpLens.Cli.Infrastructure;

/// <summary>One-line errors and warnings on stderr, never a stack trace for a user error.</summary>
internal static class Diagnostics
{
    public static void Error(string message) => CliIo.Current.ErrorLine($"tcplens: error: {message}");

    public static void Warning(string message) => CliIo.Current.ErrorLine($"tcplens: warning: {message}");

    /// <summary>How the input was read, where it changes the answer (stream numbers across rotated files).</summary>
    public static void Note(string message) => CliIo.Current.ErrorLine($"tcplens: note: {message}");

    /// <summary>Reports why a file was not read to its end.</summary>
    public static void ReadStopped(CaptureError error, long framesRead)
    {
        string what = error.Kind == CaptureErrorKind.Truncated
            ? $"{error}; the {framesRead} frames before it were analysed"
            : $"{error}; reading stopped, the {framesRead} frames before it were analysed";
        Warning(what);
    }
}
