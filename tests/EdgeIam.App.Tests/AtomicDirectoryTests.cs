using EdgeIam.App.Output;

namespace EdgeIam.App.Tests;

public sealed class AtomicDirectoryTests
{
    [Fact]
    public void ABuildThatThrowsLeavesNoTargetAndNoStaging()
    {
        var parent = CliRunner.NewTempPath();
        var target = Path.Combine(parent, "cdk.out");

        Assert.Throws<InvalidOperationException>(() => AtomicDirectory.Write(target, staging =>
        {
            File.WriteAllText(Path.Combine(staging, "half.json"), "{");
            throw new InvalidOperationException("boom");
        }));

        Assert.False(Directory.Exists(target));
        Assert.False(Directory.Exists(parent), "a parent created for the run is removed again");
    }

    [Fact]
    public void ABuildThatThrowsKeepsThePreviousContent()
    {
        var target = TestTemp.Folder("edgeiam-atomic-");
        File.WriteAllText(Path.Combine(target, "old.json"), "old");

        Assert.Throws<InvalidOperationException>(() => AtomicDirectory.Write(target, _ => throw new InvalidOperationException("boom")));

        Assert.Equal("old", File.ReadAllText(Path.Combine(target, "old.json")));
        Assert.Empty(Directory.EnumerateDirectories(Path.GetDirectoryName(target)!, ".edgeiam-*" + Path.GetFileName(target) + "*"));
    }

    [Fact]
    public void ASuccessfulBuildReplacesTheWholeFolder()
    {
        var target = TestTemp.Folder("edgeiam-atomic-");
        File.WriteAllText(Path.Combine(target, "stale.json"), "stale");

        AtomicDirectory.Write(target, staging => File.WriteAllText(Path.Combine(staging, "new.json"), "new"));

        Assert.Equal(["new.json"], Directory.EnumerateFiles(target).Select(Path.GetFileName));
        Assert.Empty(Directory.EnumerateDirectories(Path.GetDirectoryName(target)!, ".edgeiam-*" + Path.GetFileName(target) + "*"));
    }
}
