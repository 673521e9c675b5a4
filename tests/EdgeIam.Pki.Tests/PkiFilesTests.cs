using EdgeIam.Tests.Shared;

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

        using var temp = TempFolder.Create("edgeiam-pki-");
        var dir = temp.Path;
        var path = Path.Combine(dir, "device.key");
        PkiFiles.WritePrivateKey(path, "-----BEGIN PRIVATE KEY-----\nAA==\n-----END PRIVATE KEY-----", overwrite: false);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void ExistingKeysAreNeverOverwrittenUnlessAsked()
    {
        using var temp = TempFolder.Create("edgeiam-pki-");
        var dir = temp.Path;
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

    [Fact]
    public void ReplacingAPublicFileReplacesALinkAtThePathNeverItsTarget()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var temp = TempFolder.Create("edgeiam-pki-");
        var dir = temp.Path;
        var elsewhere = Path.Combine(dir, "elsewhere.txt");
        File.WriteAllText(elsewhere, "keep me");
        var path = Path.Combine(dir, "root-ca.crt");
        File.CreateSymbolicLink(path, elsewhere);

        PkiFiles.WritePublic(path, "certificate", overwrite: true);

        Assert.Equal("keep me", File.ReadAllText(elsewhere));
        Assert.Null(new FileInfo(path).LinkTarget);
        Assert.Equal("certificate\n", File.ReadAllText(path));
    }

    [Fact]
    public void ExistingCountsFoldersAndBrokenLinksSoNothingIsWrittenOverThem()
    {
        using var temp = TempFolder.Create("edgeiam-pki-");
        var dir = temp.Path;
        var folder = Directory.CreateDirectory(Path.Combine(dir, "device.key")).FullName;
        var broken = Path.Combine(dir, "device.crt");
        if (!OperatingSystem.IsWindows())
        {
            File.CreateSymbolicLink(broken, Path.Combine(dir, "gone"));
        }

        var missing = Path.Combine(dir, "device.chain.pem");

        Assert.Equal(OperatingSystem.IsWindows() ? [folder] : [folder, broken], PkiFiles.Existing([folder, broken, missing]));
    }

    [Fact]
    public void ReadPemRefusesAFifoBeforeOpeningIt()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var temp = TempFolder.Create("edgeiam-pki-");
        var dir = temp.Path;
        var fifo = Path.Combine(dir, "ca.crt");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
        }

        var error = Assert.ThrowsAny<IOException>(() => PkiFiles.ReadPem(fifo));
        Assert.Equal($"'{fifo}' is a FIFO (named pipe), not a regular file; it was not opened, since reading it can block forever", error.Message);
    }
}
