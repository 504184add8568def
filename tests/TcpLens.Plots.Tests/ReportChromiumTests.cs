using System.Diagnostics;
using System.Text.RegularExpressions;
using TcpLens.Plots.Report;
using static TcpLens.Plots.Tests.ReportTestSupport;

namespace TcpLens.Plots.Tests;

/// <summary>
/// Opens reports in headless Chromium (Debian package chromium; .ci/run installs it): the page
/// must render with no script error, its script must have wired the sortable tables (and sort
/// them correctly in its #selftest mode), and the tables and SVG charts must be in the DOM.
/// </summary>
public partial class ReportChromiumTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const string NoChromium = "headless Chromium (/usr/bin/chromium, Debian package chromium) is not installed; .ci/run installs it";

    [SkippableFact]
    public void The_report_renders_without_errors_with_sortable_tables_and_charts()
    {
        Skip.IfNot(File.Exists(Chromium), NoChromium);
        string page = WriteReport([TestCapture("lossy.pcap"), TestCapture("https-download.pcap")], new ReportOptions { Charts = 2 });

        string dom = Run("--dump-dom", new Uri(page).AbsoluteUri + "#selftest");

        Match body = BodyTag().Match(dom);
        Assert.True(body.Success, "the DOM has a body tag");
        string attributes = body.Groups[1].Value;
        Assert.Contains("data-ready=\"yes\"", attributes, StringComparison.Ordinal);
        Assert.DoesNotContain("data-errors", attributes, StringComparison.Ordinal);
        Assert.Contains("data-selftest=\"ok\"", attributes, StringComparison.Ordinal);
        Assert.Matches("data-tables=\"([1-9][0-9]*)\"", attributes);
        Assert.Contains("<table class=\"sortable\" id=\"worst-loss-table\">", dom, StringComparison.Ordinal);
        Assert.Contains("<tr data-stream=\"1\">", dom, StringComparison.Ordinal);
        // the script made every heading focusable and marked the sorted column
        Assert.Contains("aria-sort=", dom, StringComparison.Ordinal);
        Assert.Contains("tabindex=\"0\"", dom, StringComparison.Ordinal);
        Assert.True(Regex.Count(dom, "<svg") >= 6, "three charts for each of two streams");
    }

    [SkippableFact]
    public void The_two_point_report_renders_and_screenshots()
    {
        Skip.IfNot(File.Exists(Chromium), NoChromium);
        string page = WriteReport([TestCapture("pair-client.pcap")], new ReportOptions { ServerCapture = TestCapture("pair-server.pcap"), Charts = 1 });
        string png = Path.Combine(Path.GetDirectoryName(page)!, "report.png");

        string dom = Run("--dump-dom", new Uri(page).AbsoluteUri);
        Run($"--screenshot={png}", "--window-size=1280,2000", new Uri(page).AbsoluteUri);

        Assert.Contains("data-ready=\"yes\"", BodyTag().Match(dom).Groups[1].Value, StringComparison.Ordinal);
        Assert.DoesNotContain("data-errors", BodyTag().Match(dom).Groups[1].Value, StringComparison.Ordinal);
        Assert.Contains("<table class=\"sortable\" id=\"two-point-streams\">", dom, StringComparison.Ordinal);
        byte[] image = File.ReadAllBytes(png);
        Assert.True(image.Length > 20_000, $"a screenshot of a rendered page, not a blank one ({image.Length} bytes)");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, image[..4]);
    }

    private static string WriteReport(IReadOnlyList<string> files, ReportOptions options)
    {
        string dir = Directory.CreateTempSubdirectory("tcplens-chromium-").FullName;
        string page = Path.Combine(dir, "report.html");
        File.WriteAllText(page, MakeReport(files, options).Html);
        return page;
    }

    // Chromium's own profile goes to a fresh directory: parallel runs must not share one.
    private static string Run(params string[] args)
    {
        string profile = Directory.CreateTempSubdirectory("tcplens-chromium-profile-").FullName;
        var start = new ProcessStartInfo(Chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in (string[])["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", $"--user-data-dir={profile}", .. args])
        {
            start.ArgumentList.Add(a);
        }
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        // Only a guard against a hung browser: a page takes seconds even on a loaded machine.
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("chromium " + string.Join(' ', args) + " hung: still running after 10 minutes");
        }
        Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode}: {stderr.Result}");
        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (IOException)
        {
            // a helper process may still hold a file; the temp folder is cleaned some other day
        }
        return stdout.Result;
    }

    [GeneratedRegex("<body([^>]*)>")]
    private static partial Regex BodyTag();
}
