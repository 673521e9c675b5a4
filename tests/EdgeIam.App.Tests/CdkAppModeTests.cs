using EdgeIam.App.Commands;
using EdgeIam.App.Output;
using Microsoft.Extensions.Time.Testing;

namespace EdgeIam.App.Tests;

/// <summary>
/// The CDK CLI running the app goes through <see cref="SynthCommand.Run"/> like <c>edgeiam synth</c>, writing into
/// the CLI's <c>CDK_OUTDIR</c> in place: the same templates, summary, policy check and exit codes.
/// </summary>
public sealed class CdkAppModeTests
{
    private static readonly string Stacks = Path.Combine(CliRunner.RepositoryRoot, "stacks");

    [Fact]
    public void WritesTheSameTemplatesAsSynthIntoTheCliFolderAndKeepsWhatTheCliPutThere()
    {
        var outdir = TestTemp.Folder("edgeiam-cdk-outdir-");
        var cliLock = Path.Combine(outdir, "synth.lock");
        File.WriteAllText(cliLock, "");
        var reference = CliRunner.NewTempPath();

        var (code, output, error) = Run(outdir, Stacks);
        var synth = CliRunner.Run("synth", "--config-dir", Stacks, "--out", reference);

        Assert.True(code == ExitCodes.Ok, error);
        Assert.Equal(ExitCodes.Ok, synth.ExitCode);
        Assert.True(File.Exists(cliLock));
        foreach (var name in new[] { "manifest.json", "EdgeIam-dev.template.json", "EdgeIam-prod.template.json" })
        {
            Assert.Equal(File.ReadAllText(Path.Combine(reference, name)), File.ReadAllText(Path.Combine(outdir, name)));
        }

        // Same output as synth's, but for the folder in the summary lines.
        Assert.Equal(synth.Out.Replace(reference, "<out>", StringComparison.Ordinal), output.Replace(outdir, "<out>", StringComparison.Ordinal));
        Assert.Matches(@"policy check: 2 stacks, \d+ roles: 0 errors", output);
    }

    [Fact]
    public void BadConfigurationIsExitTwoWithEveryErrorAndWritesNothing()
    {
        var config = CliRunner.CopyOfStacks();
        var dev = Path.Combine(config, "dev.yaml");
        File.WriteAllText(dev, File.ReadAllText(dev).Replace("account: \"111111111111\"", "account: \"12345\"", StringComparison.Ordinal));
        var prod = Path.Combine(config, "prod.yaml");
        File.WriteAllText(prod, File.ReadAllText(prod).Replace("account: \"111111111111\"", "account: \"999\"", StringComparison.Ordinal));
        var outdir = TestTemp.Folder("edgeiam-cdk-outdir-");

        var (code, output, error) = Run(outdir, config);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Matches(@"dev\.yaml:\d+:\d+: error: account: '12345'", error);
        Assert.Matches(@"prod\.yaml:\d+:\d+: error: account: '999'", error);
        Assert.Empty(output);
        Assert.Empty(Directory.EnumerateFileSystemEntries(outdir));
    }

    private static (int Code, string Output, string Error) Run(string outdir, string configDir)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = SynthCommand.Run(new CliContext(output, error, new FakeTimeProvider(CliRunner.Now)), [], configDir, outdir, check: true, SynthWrite.IntoCdkOutdir);
        return (code, output.ToString(), error.ToString());
    }
}
