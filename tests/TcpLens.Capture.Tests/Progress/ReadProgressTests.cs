using TcpLens.Capture.Files;
using TcpLens.Capture.Progress;

namespace TcpLens.Capture.Tests.Progress;

public sealed class ReadProgressTests
{
    private static string TestData(string name) => Path.Combine(Support.TestPaths.TestData, name);

    [Theory]
    [InlineData("lossy.pcap")]
    [InlineData("clean-http.pcap.gz")]
    [InlineData("reorder.pcapng.zst")]
    [InlineData("reorder.pcapng")]
    public void A_file_read_to_its_end_counts_its_size_on_disk_once(string name)
    {
        string file = TestData(name);
        var progress = new ReadProgress();
        long frames = 0;

        using (ReadProgress.Track(progress))
        using (CaptureReader reader = CaptureReader.Open(file))
        {
            while (reader.TryRead(out _))
            {
                frames++;
            }
        }

        Assert.True(frames > 0);
        Assert.Equal(new FileInfo(file).Length, progress.BytesRead);
    }

    [Fact]
    public void Readers_on_other_threads_count_into_the_progress_tracked_where_they_started()
    {
        string[] files = [TestData("lossy.pcap"), TestData("pair-client.pcap"), TestData("pair-server.pcap")];
        var progress = new ReadProgress();

        using (ReadProgress.Track(progress))
        {
            Parallel.ForEach(files, f =>
            {
                using CaptureReader reader = CaptureReader.Open(f);
                while (reader.TryRead(out _))
                {
                }
            });
        }
        using (CaptureReader untracked = CaptureReader.Open(files[0]))
        {
            while (untracked.TryRead(out _))
            {
            }
        }

        Assert.Equal(files.Sum(f => new FileInfo(f).Length), progress.BytesRead);
        Assert.Null(ReadProgress.Current);
    }

    [Fact]
    public void Standard_input_is_read_once_and_a_second_opening_is_refused()
    {
        byte[] capture = File.ReadAllBytes(TestData("lossy.pcap"));
        var progress = new ReadProgress();

        using (StandardInput.Use(() => new MemoryStream(capture, writable: false)))
        using (ReadProgress.Track(progress))
        {
            using (CaptureReader reader = CaptureReader.Open(StandardInput.Name))
            {
                while (reader.TryRead(out _))
                {
                }
                Assert.Null(reader.Error);
            }
            CaptureFormatException again = Assert.Throws<CaptureFormatException>(() => CaptureReader.Open("-"));
            Assert.Contains("read only once", again.Message, StringComparison.Ordinal);
        }

        Assert.Equal(capture.Length, progress.BytesRead);
    }
}
