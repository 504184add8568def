namespace TcpLens.Capture.Tests.Support;

/// <summary>Theory data over capture corpora; a placeholder row lets the theory skip with a reason when a corpus is absent.</summary>
public static class CaptureCases
{
    public const string Absent = "(absent)";

    public static TheoryData<string> Shared()
    {
        var data = new TheoryData<string>();
        foreach (string f in TestPaths.SharedCaptureFiles())
        {
            data.Add(Path.GetFileName(f));
        }
        if (data.Count == 0)
        {
            data.Add(Absent);
        }
        return data;
    }

    public static TheoryData<string> Project()
    {
        var data = new TheoryData<string>();
        foreach (string f in TestPaths.ProjectCaptureFiles())
        {
            data.Add(Path.GetFileName(f));
        }
        if (data.Count == 0)
        {
            data.Add(Absent);
        }
        return data;
    }

    public static string SharedPath(string name)
    {
        Skip.If(name == Absent || TestPaths.SharedCaptures is null, TestPaths.NoSharedCaptures);
        return Path.Combine(TestPaths.SharedCaptures!, name);
    }

    public static string ProjectPath(string name)
    {
        Skip.If(name == Absent, "testdata/ holds no captures");
        return Path.Combine(TestPaths.TestData, name);
    }
}
