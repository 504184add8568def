using TcpLens.Capture.Files;

namespace TcpLens.Capture.Tests;

public sealed class FileIdentityTests
{
    [Fact]
    public void Every_name_of_one_file_has_one_identity_and_other_files_another()
    {
        string dir = Path.Combine(Path.GetTempPath(), "tcplens-identity-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string file = Path.Combine(dir, "a.pcap");
        string other = Path.Combine(dir, "b.pcap");
        File.WriteAllBytes(file, new byte[123]);
        File.WriteAllBytes(other, new byte[123]);
        string soft = Path.Combine(dir, "soft");
        File.CreateSymbolicLink(soft, file);
        string hard = Path.Combine(dir, "hard");
        Assert.Equal(0, Link(file, hard));

        FileIdentity id = FileIdentity.Of(file);

        Assert.Equal(FileKind.Regular, id.Kind);
        Assert.Equal(123, id.Size);
        Assert.True(id.SameFileAs(FileIdentity.Of(soft)));
        Assert.True(id.SameFileAs(FileIdentity.Of(hard)));
        Assert.True(id.SameFileAs(FileIdentity.Of(Path.Combine(dir, ".", "a.pcap"))));
        Assert.False(id.SameFileAs(FileIdentity.Of(other)));
        Assert.False(FileIdentity.Of(Path.Combine(dir, "absent")).SameFileAs(FileIdentity.Of(Path.Combine(dir, "absent2"))));
    }

    [Fact]
    public void Kinds_are_told_apart()
    {
        string dir = Path.Combine(Path.GetTempPath(), "tcplens-identity-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string fifo = Path.Combine(dir, "pipe");
        Assert.Equal(0, MkFifo(fifo, Convert.ToInt32("600", 8)));

        Assert.Equal(FileKind.Missing, FileIdentity.Of(Path.Combine(dir, "absent")).Kind);
        Assert.Equal(FileKind.Directory, FileIdentity.Of(dir).Kind);
        Assert.Equal(FileKind.Pipe, FileIdentity.Of(fifo).Kind);
        Assert.Equal(FileKind.Device, FileIdentity.Of("/dev/null").Kind);
    }

    // link(2) and mkfifo(3) through the commands, which every Linux has
    private static int Link(string existing, string created) => Tool("ln", existing, created);

    private static int MkFifo(string path, int mode) => Tool("mkfifo", "-m", Convert.ToString(mode, 8), path);

    private static int Tool(string name, params string[] args)
    {
        using var process = System.Diagnostics.Process.Start(name, args);
        process.WaitForExit();
        return process.ExitCode;
    }
}
