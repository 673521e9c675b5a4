namespace EdgeIam.Infrastructure.Tests.Runtime;

/// <summary>
/// The sweep of <c>edgeiam-jsii-*</c> folders left by killed runs: a folder goes only when its owner is provably gone
/// (its lock is free), and only folders with EdgeIam's name are looked at.
/// </summary>
public sealed class StaleJsiiFolderSweepTests : IDisposable
{
    private const string LockFile = ".edgeiam-owner.lock";

    // Above Linux's largest possible pid_max (2^22), so no process can have it.
    private const int DeadPid = 4_999_999;

    private readonly string _parent = Directory.CreateTempSubdirectory("edgeiam-sweep-").FullName;

    [Fact]
    public void AFolderIsNamedWithItsPidAndItsLockIsHeldWhileItLives()
    {
        using var temp = JsiiTempDirectory.Create();

        Assert.StartsWith($"{JsiiTempDirectory.Prefix}{Environment.ProcessId}-", Path.GetFileName(temp.Path), StringComparison.Ordinal);
        var lockFile = Path.Combine(temp.Path, LockFile);
        Assert.True(File.Exists(lockFile));
        Assert.ThrowsAny<IOException>(() => new FileStream(lockFile, FileMode.Open, FileAccess.ReadWrite, FileShare.None).Dispose());

        // Swept from its own parent while alive: it stays.
        Assert.DoesNotContain(temp.Path, JsiiTempDirectory.SweepStale(Path.GetDirectoryName(temp.Path)!));
        Assert.True(Directory.Exists(temp.Path));
    }

    [Fact]
    public void ADeadRunsFolderWithAFreeLockIsRemovedWithEverythingInIt()
    {
        var dead = Folder($"{JsiiTempDirectory.Prefix}{DeadPid}-abc123", withLock: true);
        Directory.CreateDirectory(Path.Combine(dead, "jsii-kernel-x", "node_modules"));
        File.WriteAllBytes(Path.Combine(dead, "jsii-kernel-x", "node_modules", "aws-cdk-lib.tgz"), new byte[4096]);

        var removed = JsiiTempDirectory.SweepStale(_parent);

        Assert.Equal([dead], removed);
        Assert.False(Directory.Exists(dead));
    }

    [Fact]
    public void AFolderWhoseLockIsHeldStaysWhateverItsPid()
    {
        var live = Folder($"{JsiiTempDirectory.Prefix}{DeadPid}-held", withLock: true);
        using (new FileStream(Path.Combine(live, LockFile), FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            Assert.Empty(JsiiTempDirectory.SweepStale(_parent));
            Assert.True(Directory.Exists(live));
        }

        Assert.Equal([live], JsiiTempDirectory.SweepStale(_parent));
    }

    [Fact]
    public void AFreeLockOfALivePidIsLeftWhileYoungAndRemovedWhenOld()
    {
        // PID 1 always runs; a free lock with a live PID is a reused PID, unless the owner is still starting.
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var folder = Folder($"{JsiiTempDirectory.Prefix}1-young", withLock: true);
        Assert.Empty(JsiiTempDirectory.SweepStale(_parent));

        File.SetLastWriteTimeUtc(Path.Combine(folder, LockFile), DateTime.UnixEpoch);
        Assert.Equal([folder], JsiiTempDirectory.SweepStale(_parent));
    }

    [Fact]
    public void WithoutALockFileAFolderOfADeadPidGoesWhenEmptyOrOld()
    {
        var empty = Folder($"{JsiiTempDirectory.Prefix}{DeadPid}-empty", withLock: false);
        var withContent = Folder($"{JsiiTempDirectory.Prefix}{DeadPid}-content", withLock: false);
        File.WriteAllText(Path.Combine(withContent, "something"), "x");
        var liveEmpty = Folder($"{JsiiTempDirectory.Prefix}{Environment.ProcessId}-starting", withLock: false);

        Assert.Equal([empty], JsiiTempDirectory.SweepStale(_parent));
        Assert.True(Directory.Exists(withContent));
        Assert.True(Directory.Exists(liveEmpty));

        // A delete that failed halfway long ago (the lock file gone, the rest not).
        Directory.SetLastWriteTimeUtc(withContent, DateTime.UnixEpoch);
        Assert.Equal([withContent], JsiiTempDirectory.SweepStale(_parent));
    }

    [Fact]
    public void DisposingDeletesTheFolderWithEverythingInIt()
    {
        var temp = JsiiTempDirectory.Create();
        var nested = Directory.CreateDirectory(Path.Combine(temp.Path, "jsii-kernel-x", "deep")).FullName;
        File.WriteAllText(Path.Combine(nested, "file"), "x");

        temp.Dispose();

        Assert.False(Directory.Exists(temp.Path));
    }

    [Fact]
    public void OtherFoldersAndLinksAreNeverTouched()
    {
        var other = Folder($"someone-else-{DeadPid}-abc", withLock: true);
        var target = Folder("link-target", withLock: true);
        var link = Path.Combine(_parent, $"{JsiiTempDirectory.Prefix}{DeadPid}-link");
        Directory.CreateSymbolicLink(link, target);

        Assert.Empty(JsiiTempDirectory.SweepStale(_parent));
        Assert.True(Directory.Exists(other));
        Assert.True(File.Exists(Path.Combine(target, LockFile)));
        Assert.True(Directory.Exists(link));
    }

    [Fact]
    public void AnOlderVersionsFolderGoesOnlyOnceItIsAnHourOld()
    {
        var legacy = Folder($"{JsiiTempDirectory.Prefix}k2x9q0ab", withLock: false);
        File.WriteAllText(Path.Combine(legacy, "Amazon.CDK.Lib.tgz"), "x");
        Assert.Empty(JsiiTempDirectory.SweepStale(_parent));

        Directory.SetLastWriteTimeUtc(legacy, DateTime.UnixEpoch);
        Assert.Equal([legacy], JsiiTempDirectory.SweepStale(_parent));
    }

    public void Dispose() => Directory.Delete(_parent, recursive: true);

    private string Folder(string name, bool withLock)
    {
        var path = Directory.CreateDirectory(Path.Combine(_parent, name)).FullName;
        if (withLock)
        {
            File.WriteAllText(Path.Combine(path, LockFile), "edgeiam pid 0\n");
        }

        return path;
    }
}
