namespace EdgeIam.Pki.Tests;

public sealed class PkiFilesTests
{
    [Fact]
    public void PrivateKeysAreReadableByTheOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var dir = Directory.CreateTempSubdirectory("edgeiam-pki-").FullName;
        var path = Path.Combine(dir, "device.key");
        PkiFiles.WritePrivateKey(path, "-----BEGIN PRIVATE KEY-----\nAA==\n-----END PRIVATE KEY-----", overwrite: false);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void ExistingKeysAreNeverOverwrittenUnlessAsked()
    {
        var dir = Directory.CreateTempSubdirectory("edgeiam-pki-").FullName;
        var path = Path.Combine(dir, "device.key");
        PkiFiles.WritePrivateKey(path, "old", overwrite: false);
        Assert.Throws<IOException>(() => PkiFiles.WritePrivateKey(path, "new", overwrite: false));
        Assert.Equal("old\n", File.ReadAllText(path));

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        }

        PkiFiles.WritePrivateKey(path, "new", overwrite: true);
        Assert.Equal("new\n", File.ReadAllText(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }
}
