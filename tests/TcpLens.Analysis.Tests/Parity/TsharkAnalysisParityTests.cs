using TcpLens.Capture.Tests.Support;
using TcpLens.Parity;

namespace TcpLens.Analysis.Tests.Parity;

/// <summary>
/// Differential tests: every TCP frame's analysis against tshark 4.6.9's reference table
/// (reference/NAME.tcp.tsv.gz, made by make-references with tshark-ref).
/// </summary>
public sealed class TsharkAnalysisParityTests
{
    private static readonly ParityField[] ExactFields =
        [ParityField.Stream, ParityField.Seq, ParityField.Ack, ParityField.Len, ParityField.Window];

    public static TheoryData<string> ProjectCaptures() => CaptureCases.Project();

    public static TheoryData<string> SharedCaptures() => CaptureCases.Shared();

    [SkippableTheory]
    [MemberData(nameof(ProjectCaptures))]
    public void ProjectCaptureAgreesWithTsharkOnEveryFieldOfEveryFrame(string name)
    {
        string capture = CaptureCases.ProjectPath(name);
        ParityResult result = Run(capture);

        Assert.True(result.TcpFrames > 0, $"{name}: the reference table has no TCP frame");
        Assert.True(result.Identical, Describe(result));
    }

    [SkippableTheory]
    [MemberData(nameof(SharedCaptures))]
    public void PublicCaptureAgreesWithTsharkOnStreamSequenceLengthAndWindow(string name)
    {
        string capture = CaptureCases.SharedPath(name);
        ParityResult result = Run(capture);

        Assert.True(result.MissingFrames == 0 && result.ExtraFrames == 0, Describe(result));
        foreach (ParityField field in ExactFields)
        {
            Assert.True(result.MismatchCount(field) == 0, Describe(result));
        }
    }

    [SkippableFact]
    public void AnalysisFlagsAgreeOnAtLeast999PerMilleOfPublicTcpFrames()
    {
        Skip.If(TestPaths.SharedCaptures is null, TestPaths.NoSharedCaptures);
        long frames = 0, differing = 0;
        foreach (string capture in TestPaths.SharedCaptureFiles())
        {
            ParityResult result = Run(capture);
            frames += result.TcpFrames;
            differing += result.MismatchCount(ParityField.Flags);
        }

        Assert.True(frames > 100_000, $"only {frames} TCP frames in the public corpus");
        Assert.True(differing * 1000 <= frames, $"analysis flags differ on {differing} of {frames} TCP frames");
    }

    private static ParityResult Run(string capture)
    {
        string? table = ReferenceReader.TablePath(capture);
        Assert.True(table is not null, $"{capture}: no reference table");
        return ParityCheck.Run(capture, table!);
    }

    private static string Describe(ParityResult r) =>
        $"{r.Capture}: {r.TcpFrames} TCP frames, {r.MissingFrames} missing, {r.ExtraFrames} extra; first differences: " +
        string.Join("; ", r.Mismatches.Take(10).Select(m => $"frame {m.Frame} {ParityFieldNames.Name(m.Field)} tshark {m.Tshark} tcplens {m.Tcplens}"));
}
