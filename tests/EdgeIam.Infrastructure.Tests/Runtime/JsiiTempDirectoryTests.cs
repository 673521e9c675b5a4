namespace EdgeIam.Infrastructure.Tests.Runtime;

/// <summary>The process-private temp folder the jsii runtime unpacks its tarballs into (no CDK call needed).</summary>
public sealed class JsiiTempDirectoryTests
{
    [Fact]
    public void TheFolderIsTheProcessTempFolderUntilDisposedThenItIsGoneAndTheOldOneIsBack()
    {
        var before = Environment.GetEnvironmentVariable("TMPDIR");
        string path;
        using (var temp = JsiiTempDirectory.Create())
        {
            path = temp.Path;
            Assert.True(Directory.Exists(path));
            Assert.Equal(path, Environment.GetEnvironmentVariable("TMPDIR"));
            Assert.Equal(path, Environment.GetEnvironmentVariable("TMP"));
            Assert.Equal(path, Environment.GetEnvironmentVariable("TEMP"));
            Assert.Equal(Path.TrimEndingDirectorySeparator(path), Path.TrimEndingDirectorySeparator(Path.GetTempPath()));

            // What the runtime leaves: a folder of tarballs per start.
            var extracted = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "x1y2z3.abc"));
            File.WriteAllText(Path.Combine(extracted.FullName, "Amazon.CDK.Lib.aws-cdk-lib-2.160.0.tgz"), "tarball");
        }

        Assert.False(Directory.Exists(path));
        Assert.Equal(before, Environment.GetEnvironmentVariable("TMPDIR"));
    }

    [Fact]
    public void DisposingTwiceOrAfterTheFolderIsGoneIsHarmless()
    {
        var temp = JsiiTempDirectory.Create();
        Directory.Delete(temp.Path, recursive: true);

        temp.Dispose();
        temp.Dispose();

        Assert.False(Directory.Exists(temp.Path));
    }
}
