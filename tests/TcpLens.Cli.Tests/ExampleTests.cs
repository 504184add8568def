namespace TcpLens.Cli.Tests;

/// <summary>The C# examples answer their questions through the library.</summary>
public class ExampleTests
{
    [Fact]
    public void WindowDrop_finds_the_frame_where_the_clients_window_fell()
    {
        // slow-reader.pcap: the client stops reading for 1 s and its window closes (frame 26)
        CliResult r = CliRunner.RunProgram("WindowDrop", Path.Combine(TestFiles.TestData, "slow-reader.pcap"), "0", "0.5", "1000");

        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("stream 0: the client (10.77.1.2:45600) advertised 0 bytes in frame 26, 1.237886 s into the connection", r.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void WindowDrop_says_so_when_the_window_never_fell()
    {
        CliResult r = CliRunner.RunProgram("WindowDrop", Path.Combine(TestFiles.TestData, "clean-http.pcap"), "0", "0", "1000");

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("never went below 1000 bytes", r.StdOut, StringComparison.Ordinal);
    }
}
