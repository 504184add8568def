using TcpLens.Capture.Files;
using TcpLens.Cli.Infrastructure;

namespace TcpLens.Cli.Output;

/// <summary>
/// Where a command's result goes: standard output, or a file given with -o. A file is written
/// under a temporary name in its own folder and renamed over the destination only when the
/// command ends well, so a failed or interrupted run leaves any existing file as it was and no
/// half-written one behind. Problems (no such folder, no permission, a full disk) are one line.
/// </summary>
internal sealed class OutputTarget : IDisposable
{
    private readonly string? _final, _temporary;
    private readonly Stream _stream;
    private TextWriter? _writer;
    private bool _committed;

    private OutputTarget(Stream stream, string? final, string? temporary, string? name = null)
    {
        _name = name;
        _stream = new GuardedStream(stream, final ?? name ?? "standard output");
        _final = final;
        _temporary = temporary;
    }

    private readonly string? _name;

    /// <summary>The destination's name, for messages ("standard output" when there is no file).</summary>
    public string Name => _final ?? _name ?? "standard output";

    /// <summary>True when the rows go to standard output.</summary>
    public bool IsStandardOutput => _final is null && _name is null;

    /// <summary>The width of the terminal the result goes to, or null when it goes to a file or a pipe.</summary>
    public int? TerminalWidth => IsStandardOutput ? CliIo.Current.TableWidth : null;

    /// <summary>Writes sentences for a person, wrapped to the terminal's width when the result goes to one, and a line end.</summary>
    public void WriteProse(string text) => Writer.WriteLine(Results.Exporters.ProseWrap.Wrap(text, TerminalWidth ?? 0));

    /// <summary>The bytes of the result.</summary>
    public Stream Stream => _stream;

    /// <summary>The result as text (UTF-8, no byte order mark).</summary>
    public TextWriter Writer => _writer ??= new StreamWriter(_stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);

    /// <summary>
    /// Opens the destination: standard output when <paramref name="file"/> is null, else a
    /// temporary file beside it. False, after one line on stderr, when it cannot be written or is
    /// one of <paramref name="inputs"/>.
    /// </summary>
    public static bool TryOpen(FileInfo? file, IEnumerable<string> inputs, out OutputTarget? target)
    {
        target = null;
        if (file is null)
        {
            target = new OutputTarget(new StandardOutputStream(CliIo.Current), null, null);
            return true;
        }
        if (!CaptureInput.OutputIsSafe(file, inputs))
        {
            return false;
        }
        // a link is followed: the file it names is the one written
        if (file.Exists && file.LinkTarget is not null && file.ResolveLinkTarget(returnFinalTarget: true) is FileInfo real)
        {
            file = real;
        }
        if (FileIdentity.Of(file.FullName).Kind is FileKind.Device or FileKind.Pipe)
        {
            // a device or pipe (/dev/null, /dev/stdout, a FIFO) is written as it is: never replaced by a file
            try
            {
                target = new OutputTarget(new FileStream(file.FullName, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1 << 16), null, null, file.FullName);
                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Diagnostics.Error($"{file.FullName}: cannot write the output: {e.Message}");
                return false;
            }
        }
        string? folder = Path.GetDirectoryName(file.FullName);
        if (folder is null || !Directory.Exists(folder))
        {
            Diagnostics.Error($"{file.FullName}: cannot write the output: the folder {folder} does not exist");
            return false;
        }
        if (Directory.Exists(file.FullName))
        {
            Diagnostics.Error($"{file.FullName}: cannot write the output: it is a folder");
            return false;
        }
        string temporary = Path.Combine(folder, $".{file.Name}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            TempFiles.Add(temporary);
            target = new OutputTarget(new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16), file.FullName, temporary);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TempFiles.Remove(temporary);
            // the temporary file's name means nothing to the user: say what the folder refused
            string why = e is UnauthorizedAccessException ? "permission denied" : e is DirectoryNotFoundException or FileNotFoundException
                ? $"the folder {folder} does not take new files"
                : e.Message.Replace(temporary, file.FullName, StringComparison.Ordinal);
            Diagnostics.Error($"{file.FullName}: cannot write the output: {why}");
            return false;
        }
    }

    /// <summary>Flushes the result and, for a file, puts it in place of the destination.</summary>
    public void Commit()
    {
        _writer?.Dispose(); // flushes; the stream stays open (leaveOpen)
        _writer = null;
        _stream.Flush();
        if (_temporary is null)
        {
            _committed = true;
            return;
        }
        _stream.Dispose();
        TempFiles.Finish(_temporary, () => File.Move(_temporary, _final!, overwrite: true));
        _committed = true;
    }

    /// <summary>Closes the destination; a file not committed is removed.</summary>
    public void Dispose()
    {
        try
        {
            _writer?.Dispose();
        }
        catch (IOException)
        {
            // the stream already failed (disk full): the temporary file is removed below
        }
        _stream.Dispose();
        if (!_committed && _temporary is not null)
        {
            TempFiles.Remove(_temporary);
        }
    }

    // Standard output stays open after a command's writer is done with it; on a terminal, what
    // is written goes above the progress line (which is erased first, and drawn again on its next tick).
    private sealed class StandardOutputStream(CliIo io) : Stream
    {
        private readonly Stream inner = io.Output;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            lock (io.ErrorGate)
            {
                io.ShownProgress?.EraseLocked();
                inner.Write(buffer);
            }
        }

        protected override void Dispose(bool disposing)
        {
            inner.Flush();
            base.Dispose(disposing);
        }
    }

    // Every write and flush of the result: a failure (a full disk) becomes one line naming the destination.
    private sealed class GuardedStream(Stream inner, string destination) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            try
            {
                inner.Write(buffer);
            }
            catch (IOException e) when (e is not OutputWriteException)
            {
                throw new OutputWriteException(destination, e);
            }
        }

        public override void Flush()
        {
            try
            {
                inner.Flush();
            }
            catch (IOException e) when (e is not OutputWriteException)
            {
                throw new OutputWriteException(destination, e);
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                try
                {
                    inner.Dispose();
                }
                catch (IOException)
                {
                    // the failure was reported where it happened; a file not committed is removed
                }
            }
            base.Dispose(disposing);
        }
    }
}
