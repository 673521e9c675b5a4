using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EdgeIam.App.Tests;

/// <summary>
/// <c>edgeiam synth</c> as users and CI run it. The shipped stacks are synthesized once for the class (one synth costs
/// about a second); failing-input cases stop before synthesis and cost milliseconds.
/// </summary>
public sealed class SynthCommandTests : IClassFixture<SynthCommandTests.TwoSynths>
{
    private readonly TwoSynths _synths;

    public SynthCommandTests(TwoSynths synths)
    {
        _synths = synths;
    }

    public sealed class TwoSynths
    {
        public TwoSynths()
        {
            var stacks = Path.Combine(CliRunner.RepositoryRoot, "stacks");
            First = CliRunner.Run("synth", "--config-dir", stacks, "--out", FirstDir);
            // The same synth for CI logs: --quiet changes what is printed, never what is written.
            Second = CliRunner.Run("synth", "--config-dir", stacks, "--out", SecondDir, "--quiet");
        }

        public string FirstDir { get; } = CliRunner.NewTempPath();

        public string SecondDir { get; } = CliRunner.NewTempPath();

        public CliResult First { get; }

        public CliResult Second { get; }
    }

    [Fact]
    public void SynthWritesATemplatePerStackAndTheManifest()
    {
        Assert.True(_synths.First.ExitCode == 0, _synths.First.Error);
        Assert.True(File.Exists(Path.Combine(_synths.FirstDir, "EdgeIam-dev.template.json")));
        Assert.True(File.Exists(Path.Combine(_synths.FirstDir, "EdgeIam-prod.template.json")));
        Assert.True(File.Exists(Path.Combine(_synths.FirstDir, "manifest.json")));
        Assert.Empty(Directory.EnumerateDirectories(Path.GetDirectoryName(_synths.FirstDir)!, ".edgeiam-*"));
    }

    /// <summary>
    /// The policy engine's tests run on tests/EdgeIam.Policy.Tests/Fixtures/Assembly: it must be what synth writes for
    /// the shipped stacks now, byte for byte (synth is deterministic), or the engine is tested on roles the app no
    /// longer deploys. Regenerate with scripts/regenerate-policy-fixtures.sh, which synthesizes with
    /// <c>--config-dir stacks</c> from the repository root; templates quote the stack file's path as given (a
    /// justification's "in stacks/dev.yaml"), so this synth's absolute <c>&lt;repo&gt;/</c> prefix is the one
    /// difference allowed in the templates; in manifest.json, so is the template asset's hash (the SHA-256 of the
    /// template bytes, which differ by that prefix).
    /// </summary>
    [Fact]
    public void ThePolicyEnginesFixtureAssemblyIsWhatSynthWritesForTheShippedStacks()
    {
        Assert.True(_synths.First.ExitCode == 0, _synths.First.Error);
        var fixture = Path.Combine(CliRunner.RepositoryRoot, "tests", "EdgeIam.Policy.Tests", "Fixtures", "Assembly");
        var written = Directory.GetFiles(_synths.FirstDir, "EdgeIam-*.template.json").Select(Path.GetFileName).Append("manifest.json").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(written, Directory.GetFiles(fixture).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var repositoryPrefix = Encoding.UTF8.GetBytes(JsonEncodedText.Encode(CliRunner.RepositoryRoot + "/").ToString());
        foreach (var name in written)
        {
            var synthesized = WithoutPrefix(File.ReadAllBytes(Path.Combine(_synths.FirstDir, name!)), repositoryPrefix);
            var committed = File.ReadAllBytes(Path.Combine(fixture, name!));
            if (name == "manifest.json")
            {
                (synthesized, committed) = (WithoutAssetHashes(synthesized), WithoutAssetHashes(committed));
            }

            Assert.True(
                synthesized.AsSpan().SequenceEqual(committed),
                $"{name} in {fixture} differs from what synth writes for stacks/ now; run scripts/regenerate-policy-fixtures.sh, then EDGEIAM_UPDATE_GOLDEN=1 dotnet test tests/EdgeIam.Policy.Tests -c Release, and review the diff.");
        }
    }

    private static byte[] WithoutAssetHashes(byte[] manifest) =>
        Encoding.UTF8.GetBytes(Regex.Replace(Encoding.UTF8.GetString(manifest), "/[0-9a-f]{64}\\.json\"", "/<template sha256>.json\"", RegexOptions.None, TimeSpan.FromSeconds(5)));

    private static byte[] WithoutPrefix(byte[] bytes, byte[] prefix)
    {
        var result = new List<byte>(bytes.Length);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes.AsSpan(i).StartsWith(prefix))
            {
                i += prefix.Length - 1;
                continue;
            }

            result.Add(bytes[i]);
        }

        return [.. result];
    }

    [Fact]
    public void SynthPrintsASummaryPerStack()
    {
        var lines = _synths.First.Out.Split('\n');
        var dev = Assert.Single(lines, l => l.StartsWith("EdgeIam-dev ", StringComparison.Ordinal) && l.Contains(" resources ", StringComparison.Ordinal));
        Assert.Contains("111111111111/us-east-1", dev, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_synths.FirstDir, "EdgeIam-dev.template.json"), dev, StringComparison.Ordinal);
        Assert.Matches(@" \d+ resources ", dev);
        var prod = Assert.Single(lines, l => l.StartsWith("EdgeIam-prod ", StringComparison.Ordinal) && l.Contains(" resources ", StringComparison.Ordinal));
        Assert.Contains("protected", prod, StringComparison.Ordinal);
    }

    [Fact]
    public void SynthReportsProgressAStackAtATimeUnlessQuiet()
    {
        Assert.Equal(0, _synths.Second.ExitCode);
        var progress = _synths.First.Error.Split('\n').Where(l => l.StartsWith("edgeiam: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["edgeiam: starting the CDK runtime (node)", "edgeiam: building EdgeIam-dev (1/2)", "edgeiam: building EdgeIam-prod (2/2)", "edgeiam: writing the cloud assembly"], progress);
        Assert.DoesNotContain("edgeiam: ", _synths.Second.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(" resources ", _synths.Second.Out, StringComparison.Ordinal);

        // The accepted finding is a report line, so it still shows; the bare summary line does not.
        Assert.Contains("warning EIAM-WEBID-003", _synths.Second.Out.Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", _synths.First.Error + _synths.First.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void SynthPolicyChecksWhatItWrote()
    {
        // dev's GitHubPlan opts into org-wide pull-request subjects: an accepted finding, shown but not failing.
        Assert.Contains("warning EIAM-WEBID-003", _synths.First.Out.Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Matches(@"policy check: 2 stacks, \d+ roles: 0 errors, 1 warning", _synths.First.Out);
    }

    [Fact]
    public void NoCheckSkipsThePolicyCheck()
    {
        var result = CliRunner.Run("synth", "--stack", "prod", "--no-check", "--config-dir", Path.Combine(CliRunner.RepositoryRoot, "stacks"), "--out", CliRunner.NewTempPath());
        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("policy check:", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoSynthsOfTheSameConfigAreByteIdentical()
    {
        var first = Directory.EnumerateFiles(_synths.FirstDir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var second = Directory.EnumerateFiles(_synths.SecondDir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(first, second);
        foreach (var name in first)
        {
            Assert.True(
                File.ReadAllBytes(Path.Combine(_synths.FirstDir, name!)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(_synths.SecondDir, name!))),
                $"{name} differs between two synths");
        }
    }

    [Fact]
    public void ABadConfigExitsTwoNamesFileLineAndKeyAndWritesNothing()
    {
        var config = CliRunner.CopyOfStacks();
        var dev = Path.Combine(config, "dev.yaml");
        File.WriteAllText(dev, File.ReadAllText(dev).Replace("account: \"111111111111\"", "account: \"12345\"", StringComparison.Ordinal));
        var output = CliRunner.NewTempPath();

        var result = CliRunner.Run("synth", "--config-dir", config, "--out", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Matches(@"dev\.yaml:\d+:\d+: error: account: '12345' is not a 12-digit AWS account ID", result.Error);
        Assert.Contains("nothing was written", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void ASynthRefusedForBadConfigLeavesTheCdkRuntimeUsable()
    {
        // synth starts the CDK runtime in the background while it loads the stack files; refusing bad input must
        // let that start settle, not leave the process's one runtime half-started.
        var config = CliRunner.CopyOfStacks();
        var prod = Path.Combine(config, "prod.yaml");
        File.WriteAllText(prod, File.ReadAllText(prod).Replace("region: us-east-1", "region: mars-1", StringComparison.Ordinal));

        var refused = CliRunner.Run("synth", "--config-dir", config, "--out", CliRunner.NewTempPath());
        var output = CliRunner.NewTempPath();
        var next = CliRunner.Run("synth", "--stack", "dev", "--no-check", "--config-dir", Path.Combine(CliRunner.RepositoryRoot, "stacks"), "--out", output);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("mars-1", refused.Error, StringComparison.Ordinal);
        Assert.True(next.ExitCode == 0, next.Error);
        Assert.True(File.Exists(Path.Combine(output, "EdgeIam-dev.template.json")));
    }

    [Fact]
    public void WithoutNodeOnPathSynthSaysSoExitsThreeAndWritesNothing()
    {
        var path = Environment.GetEnvironmentVariable("PATH");
        var output = CliRunner.NewTempPath();
        CliResult result;
        try
        {
            Environment.SetEnvironmentVariable("PATH", TestTemp.Folder("edgeiam-no-node-"));
            result = CliRunner.Run("synth", "--config-dir", Path.Combine(CliRunner.RepositoryRoot, "stacks"), "--out", output);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", path);
        }

        Assert.Equal(ExitCodes.InternalFailure, result.ExitCode);
        Assert.Contains("Node.js was not found on PATH", result.Error, StringComparison.Ordinal);
        Assert.Contains("was left as it was", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void AFailedSynthLeavesAnExistingOutputFolderAsItWas()
    {
        var config = CliRunner.CopyOfStacks();
        var prod = Path.Combine(config, "prod.yaml");
        File.WriteAllText(prod, File.ReadAllText(prod).Replace("region: us-east-1", "region: mars-1", StringComparison.Ordinal));
        var output = TestTemp.Folder("edgeiam-keep-");
        File.WriteAllText(Path.Combine(output, "manifest.json"), "{}");
        File.WriteAllText(Path.Combine(output, "sentinel"), "keep me");

        var result = CliRunner.Run("synth", "--config-dir", config, "--out", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("prod.yaml", result.Error, StringComparison.Ordinal);
        Assert.Equal(["manifest.json", "sentinel"], Directory.EnumerateFileSystemEntries(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(output, "sentinel")));
    }

    [Fact]
    public void SynthRefusesToReplaceAFolderThatIsNotACloudAssembly()
    {
        var output = TestTemp.Folder("edgeiam-notes-");
        File.WriteAllText(Path.Combine(output, "notes.txt"), "mine");

        var result = CliRunner.Run("synth", "--config-dir", Path.Combine(CliRunner.RepositoryRoot, "stacks"), "--out", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not a cloud assembly (no manifest.json)", result.Error, StringComparison.Ordinal);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(output, "notes.txt")));
    }

    [Fact]
    public void SynthRefusesToWriteOverTheStackFiles()
    {
        var config = CliRunner.CopyOfStacks();

        var result = CliRunner.Run("synth", "--config-dir", config, "--out", config + Path.DirectorySeparatorChar);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("holds the stack files (--config-dir)", result.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(config, "dev.yaml")));
    }

    [Fact]
    public void SynthRefusesToReplaceTheCurrentFolder()
    {
        var result = CliRunner.Run("synth", "--config-dir", Path.Combine(CliRunner.RepositoryRoot, "stacks"), "--out", Path.GetDirectoryName(Directory.GetCurrentDirectory())!);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is the current folder or one of its parents", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ATrailingSlashOnOutIsTheSameFolder()
    {
        var output = CliRunner.NewTempPath();

        var result = CliRunner.Run("synth", "--stack", "prod", "--no-check", "--config-dir", Path.Combine(CliRunner.RepositoryRoot, "stacks"), "--out", output + Path.DirectorySeparatorChar);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.True(File.Exists(Path.Combine(output, "EdgeIam-prod.template.json")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(output, ".edgeiam-*"));
    }

    [Fact]
    public void AnUnknownStackIsBadInput()
    {
        var result = CliRunner.Run("synth", "--stack", "staging", "--config-dir", Path.Combine(CliRunner.RepositoryRoot, "stacks"), "--out", CliRunner.NewTempPath());
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("stack 'staging' does not exist", result.Error, StringComparison.Ordinal);
    }
}
