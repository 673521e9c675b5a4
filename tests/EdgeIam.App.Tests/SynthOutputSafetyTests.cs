using EdgeIam.App.Output;
using EdgeIam.Shared;

namespace EdgeIam.App.Tests;

/// <summary>
/// What synth does around --out when something else is there: another synth, a link, a FIFO among the certificates,
/// and what killed synths left beside it.
/// </summary>
public sealed class SynthOutputSafetyTests : IDisposable
{
    private static readonly string Stacks = Path.Combine(CliRunner.RepositoryRoot, "stacks");

    private readonly string _root = TestTemp.Folder("edgeiam-out-safety-");

    [Fact]
    public void ASecondSynthIntoTheSameOutFailsClearlyAndWritesNothing()
    {
        var output = Path.Combine(_root, "cdk.out");
        using var running = ProcessLock.TryAcquire(Path.Combine(_root, AtomicDirectory.LockPrefix + "cdk.out"), create: true, deleteOnRelease: true);
        Assert.NotNull(running);

        var result = CliRunner.Run("synth", "--stack", "prod", "--no-check", "--config-dir", Stacks, "--out", output);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains($"edgeiam: another edgeiam synth is writing {output}; wait for it to finish", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
        Assert.Empty(Directory.EnumerateDirectories(_root, ".edgeiam-*"));
    }

    [Fact]
    public void AWriterHoldsTheLockWhileItBuildsAndRemovesItAfterwards()
    {
        var output = Path.Combine(_root, "cdk.out");

        AtomicDirectory.Write(output, staging =>
        {
            Assert.Throws<OutputBusyException>(() => AtomicDirectory.Write(output, _ => { }));
            File.WriteAllText(Path.Combine(staging, "manifest.json"), "{}");
        });

        Assert.True(File.Exists(Path.Combine(output, "manifest.json")));
        Assert.Equal(["cdk.out"], Directory.EnumerateFileSystemEntries(_root).Select(Path.GetFileName));
    }

    [Fact]
    public void ASymlinkedOutIsRefusedAndItsTargetIsUntouched()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var real = Directory.CreateDirectory(Path.Combine(_root, "real-out")).FullName;
        File.WriteAllText(Path.Combine(real, "manifest.json"), "{}");
        var link = Path.Combine(_root, "cdk.out");
        Directory.CreateSymbolicLink(link, real);

        var result = CliRunner.Run("synth", "--stack", "prod", "--no-check", "--config-dir", Stacks, "--out", link);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains($"--out {link} is a symbolic link (to '{real}')", result.Error, StringComparison.Ordinal);
        Assert.Contains($"Pass the real folder instead (--out {real})", result.Error, StringComparison.Ordinal);
        Assert.Equal(real, new DirectoryInfo(link).LinkTarget);
        Assert.Equal(["manifest.json"], Directory.EnumerateFileSystemEntries(real).Select(Path.GetFileName));
    }

    [Fact]
    public void AFifoAsCertificateIsRefusedByNameWithoutBlocking()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var config = CliRunner.CopyOfStacks();
        try
        {
            var certificate = Path.Combine(config, "pki", "dev", "issuing-ca.crt");
            File.Delete(certificate);
            using (var special = new InputFiles.SpecialFiles())
            {
                File.Move(special.Fifo(), certificate);
            }

            var output = Path.Combine(_root, "cdk.out");
            var synth = InputFiles.WithinTime.Run(() => CliRunner.Run("synth", "--stack", "dev", "--config-dir", config, "--out", output), TimeSpan.FromSeconds(60), "synth with a FIFO certificate");

            Assert.Equal(ExitCodes.BadInput, synth.ExitCode);
            Assert.Contains($"certificate file 'pki/dev/issuing-ca.crt' cannot be read: '{certificate}' is a FIFO (named pipe)", synth.Error, StringComparison.Ordinal);
            Assert.Matches(@"dev\.yaml:\d+:\d+: error: rolesAnywhere\.trustAnchors\[0\]\.certificate", synth.Error);
            Assert.False(Directory.Exists(output));
        }
        finally
        {
            Directory.Delete(config, recursive: true);
        }
    }

    [Fact]
    public void AFifoAsStackFileIsBadInputNamingItNotAnInternalError()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var config = Directory.CreateDirectory(Path.Combine(_root, "stacks")).FullName;
        using (var special = new InputFiles.SpecialFiles())
        {
            File.Move(special.Fifo(), Path.Combine(config, "dev.yaml"));
        }

        var output = Path.Combine(_root, "cdk.out");
        var synth = InputFiles.WithinTime.Run(() => CliRunner.Run("synth", "--config-dir", config, "--out", output), TimeSpan.FromSeconds(60), "synth with a FIFO stack file");

        Assert.Equal(ExitCodes.BadInput, synth.ExitCode);
        Assert.Contains($"{Path.Combine(config, "dev.yaml")}: error: is a FIFO (named pipe)", synth.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", synth.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void KilledWritersStagingFoldersAreClearedAndOnlyThose()
    {
        var output = Directory.CreateDirectory(Path.Combine(_root, "cdk.out")).FullName;
        File.WriteAllText(Path.Combine(output, "manifest.json"), "{}");
        var marked = Staging(".edgeiam-tmp-cdk.out-4999001", AtomicDirectory.StagingMarker);
        var complete = Staging(".edgeiam-tmp-cdk.out-4999002", "manifest.json");
        var empty = Staging(".edgeiam-tmp-cdk.out-4999003", null);
        var unmarked = Staging(".edgeiam-tmp-cdk.out-4999004", "notes.txt");
        var otherName = Staging(".edgeiam-tmp-cdk.out-mine", AtomicDirectory.StagingMarker);
        var otherTarget = Staging(".edgeiam-tmp-other-4999005", AtomicDirectory.StagingMarker);
        var movedAside = Staging(".edgeiam-old-cdk.out-4999006", "manifest.json");

        var cleared = AtomicDirectory.RecoverFromKilledWriters(_root, "cdk.out", output);

        Assert.Equal(new[] { movedAside, marked, complete, empty }.Order(), cleared.Order());
        Assert.All([unmarked, otherName, otherTarget], folder => Assert.True(Directory.Exists(folder), folder));
        Assert.True(File.Exists(Path.Combine(output, "manifest.json")));
    }

    [Fact]
    public void APreviousOutMovedAsideByAKilledWriterIsPutBack()
    {
        var output = Path.Combine(_root, "cdk.out");
        var movedAside = Staging(".edgeiam-old-cdk.out-4999007", "manifest.json");
        File.WriteAllText(Path.Combine(movedAside, "EdgeIam-dev.template.json"), "{\"previous\": true}");

        AtomicDirectory.RecoverFromKilledWriters(_root, "cdk.out", output);

        Assert.False(Directory.Exists(movedAside));
        Assert.Equal("{\"previous\": true}", File.ReadAllText(Path.Combine(output, "EdgeIam-dev.template.json")));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Staging(string name, string? file)
    {
        var path = Directory.CreateDirectory(Path.Combine(_root, name)).FullName;
        if (file is not null)
        {
            File.WriteAllText(Path.Combine(path, file), "x");
        }

        return path;
    }
}
