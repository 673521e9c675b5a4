namespace EdgeIam.App.Tests.InputFiles;

/// <summary>The files named on the command line (--outputs, --cert, --anchor, --ca) go through the same guard.</summary>
public sealed class CommandInputTests : IDisposable
{
    private static readonly TimeSpan AtOnce = TimeSpan.FromSeconds(30);

    private readonly SpecialFiles _files = new();

    [Fact]
    public void DeviceConfigRefusesAFifoOrADirectoryAsOutputsFile()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fifo = _files.Fifo("outputs.json");
        var run = WithinTime.Run(() => PkiCliRunner.Run("device-config", "--outputs", fifo, "--certificate", "c", "--private-key", "k"), AtOnce, "device-config on a FIFO");
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains($"outputs file '{fifo}' is a FIFO (named pipe)", run.Error, StringComparison.Ordinal);

        var folder = _files.Folder("outputs-dir");
        var directory = PkiCliRunner.Run("device-config", "--outputs", folder, "--certificate", "c", "--private-key", "k");
        Assert.Equal(ExitCodes.BadInput, directory.ExitCode);
        Assert.Contains($"outputs file '{folder}' is a directory, not a file", directory.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("{\"EdgeIam-dev\": 5}")]
    public void DeviceConfigRefusesOutputsOfTheWrongShape(string json)
    {
        var outputs = _files.Regular("outputs.json", json);

        var result = PkiCliRunner.Run("device-config", "--outputs", outputs, "--certificate", "c", "--private-key", "k");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains($"outputs file '{outputs}' is not the JSON", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void PkiVerifyRefusesALinkToDevZeroAtOnce()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var zero = _files.LinkToDevZero("device.crt");
        var run = WithinTime.Run(() => PkiCliRunner.Run("pki", "verify", "--anchor", zero, "--cert", zero), AtOnce, "pki verify on /dev/zero");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Equal($"edgeiam pki: --anchor '{zero}' is a character device (a symbolic link to '/dev/zero'), not a regular file; it was not read" + Environment.NewLine, run.Error);
    }

    [Fact]
    public void PkiIssueSaysACaFileThatIsADirectoryIsADirectory()
    {
        var ca = _files.Folder("ca");
        Directory.CreateDirectory(Path.Combine(ca, "issuing-ca.crt"));

        var result = PkiCliRunner.Run("pki", "issue", "--ca", ca, "--name", "dev-1", "--out", Path.Combine(_files.Root, "out"));

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains($"issuing CA certificate '{Path.Combine(ca, "issuing-ca.crt")}' is a directory, not a file", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOversizedCertificateIsRefusedNamingTheCap()
    {
        var huge = _files.Regular("huge.crt", new byte[(1024 * 1024) + 1]);

        var result = PkiCliRunner.Run("pki", "verify", "--anchor", huge, "--cert", huge);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("is 1048577 bytes; a PEM certificate or key file may be at most 1 MiB", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _files.Dispose();
}
