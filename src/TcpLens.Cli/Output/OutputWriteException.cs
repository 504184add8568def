namespace TcpLens.Cli.Output;

/// <summary>
/// The output could not be written to its end (a full disk, a closed pipe, a device that
/// refuses): said as one line naming the destination, exit 1; a file's temporary copy is removed.
/// </summary>
internal sealed class OutputWriteException(string destination, IOException inner)
    : IOException($"{destination}: cannot write the output: {Reason(inner)}", inner)
{
    // The system's words without the path it repeats ("No space left on device : '/dev/full'").
    private static string Reason(IOException e)
    {
        string message = e.Message;
        int quote = message.IndexOf(" : '", StringComparison.Ordinal);
        if (quote > 0)
        {
            message = message[..quote];
        }
        return message.Length > 0 ? char.ToLowerInvariant(message[0]) + message[1..] : "an I/O error";
    }
}
