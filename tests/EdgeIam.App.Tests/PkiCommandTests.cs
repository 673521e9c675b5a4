using System.Security.Cryptography.X509Certificates;
using EdgeIam.Pki;

namespace EdgeIam.App.Tests;

/// <summary><c>edgeiam pki</c>: files, modes and exit codes (0 ok/trusted, 1 untrusted, 2 bad input).</summary>
public sealed class PkiCommandTests
{
    private static string InitCa(string dir)
    {
        var ca = Path.Combine(dir, "ca");
        var result = PkiCliRunner.Run("pki", "init", "--out", ca);
        Assert.True(result.ExitCode == 0, result.Error);
        return ca;
    }

    [Fact]
    public void InitWritesARootAndAnIssuingCaWithOwnerOnlyKeys()
    {
        var ca = InitCa(PkiCliRunner.TempDirectory());
        foreach (var file in new[] { "root-ca.crt", "root-ca.key", "issuing-ca.crt", "issuing-ca.key" })
        {
            Assert.True(File.Exists(Path.Combine(ca, file)), file);
        }

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(ca, "root-ca.key")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(ca, "issuing-ca.key")));
        }

        using var issuing = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(ca, "issuing-ca.crt")));
        Assert.Empty(CaCertificateInspector.Inspect(File.ReadAllText(Path.Combine(ca, "issuing-ca.crt")), PkiCliRunner.Now, 30).Findings);
        Assert.Equal(PkiCliRunner.Now.AddDays(3650), CertificateFacts.NotAfter(issuing));
    }

    [Fact]
    public void KeysAreNeverPrinted()
    {
        var dir = PkiCliRunner.TempDirectory();
        var init = PkiCliRunner.Run("pki", "init", "--out", Path.Combine(dir, "ca"));
        var issue = PkiCliRunner.Run("pki", "issue", "--ca", Path.Combine(dir, "ca"), "--name", "sensor-1", "--out", Path.Combine(dir, "dev"));
        foreach (var text in new[] { init.Out, init.Error, issue.Out, issue.Error })
        {
            Assert.DoesNotContain("PRIVATE KEY", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void InitRefusesToOverwriteExistingKeysUnlessForced()
    {
        var dir = PkiCliRunner.TempDirectory();
        var ca = InitCa(dir);
        var before = File.ReadAllText(Path.Combine(ca, "issuing-ca.key"));

        var again = PkiCliRunner.Run("pki", "init", "--out", ca);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("already exist(s); nothing was written", again.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(Path.Combine(ca, "issuing-ca.key")));

        Assert.Equal(0, PkiCliRunner.Run("pki", "init", "--out", ca, "--force").ExitCode);
        Assert.NotEqual(before, File.ReadAllText(Path.Combine(ca, "issuing-ca.key")));
    }

    [Fact]
    public void IssueWritesADeviceCertificateKeyAndChainThatDotNetTrusts()
    {
        var dir = PkiCliRunner.TempDirectory();
        var ca = InitCa(dir);
        var result = PkiCliRunner.Run("pki", "issue", "--ca", ca, "--name", "edge-device-01", "--out", Path.Combine(dir, "dev"), "--days", "7");
        Assert.True(result.ExitCode == 0, result.Error);

        using var root = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(ca, "root-ca.crt")));
        using var intermediate = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(dir, "dev", "edge-device-01.chain.pem")));
        using var device = X509Certificate2.CreateFromPem(
            File.ReadAllText(Path.Combine(dir, "dev", "edge-device-01.crt")), File.ReadAllText(Path.Combine(dir, "dev", "edge-device-01.key")));
        Assert.True(device.HasPrivateKey);
        Assert.Equal("edge-device-01", device.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
        Assert.Equal(PkiCliRunner.Now.AddDays(7), CertificateFacts.NotAfter(device));

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.ExtraStore.Add(intermediate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = PkiCliRunner.Now.UtcDateTime;
        Assert.True(chain.Build(device), string.Join(", ", chain.ChainStatus.Select(s => s.StatusInformation)));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir, "dev", "edge-device-01.key")));
        }
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a b")]
    [InlineData(".hidden")]
    public void IssueRefusesNamesThatAreNotSafeFileNames(string name)
    {
        var dir = PkiCliRunner.TempDirectory();
        var ca = InitCa(dir);
        var result = PkiCliRunner.Run("pki", "issue", "--ca", ca, "--name", name, "--out", Path.Combine(dir, "dev"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not a usable device name", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir, "dev")));
    }

    [Fact]
    public void IssueWithoutACaIsBadInput()
    {
        var dir = PkiCliRunner.TempDirectory();
        var result = PkiCliRunner.Run("pki", "issue", "--ca", Path.Combine(dir, "nope"), "--name", "d", "--out", dir);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("issuing CA certificate", result.Error, StringComparison.Ordinal);
        Assert.Contains("does not exist", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void VerifySaysTrustedUntrustedOrBadInputByExitCode()
    {
        var dir = PkiCliRunner.TempDirectory();
        var ca = InitCa(dir);
        PkiCliRunner.Run("pki", "issue", "--ca", ca, "--name", "sensor-1", "--out", Path.Combine(dir, "dev"));
        var device = Path.Combine(dir, "dev", "sensor-1.crt");

        var trusted = PkiCliRunner.Run("pki", "verify", "--anchor", Path.Combine(ca, "issuing-ca.crt"), "--cert", device);
        Assert.Equal(0, trusted.ExitCode);
        Assert.StartsWith("trusted: 'CN=sensor-1, O=EdgeIam dev PKI' chains to the trust anchor", trusted.Out, StringComparison.Ordinal);

        var missingIntermediate = PkiCliRunner.Run("pki", "verify", "--anchor", Path.Combine(ca, "root-ca.crt"), "--cert", device);
        Assert.Equal(1, missingIntermediate.ExitCode);
        Assert.Contains("untrusted: link 1", missingIntermediate.Out, StringComparison.Ordinal);
        Assert.Contains("fix: add the certificate of 'CN=EdgeIam Dev Issuing CA, O=EdgeIam dev PKI' with --intermediates", missingIntermediate.Out, StringComparison.Ordinal);

        var withChain = PkiCliRunner.Run("pki", "verify", "--anchor", Path.Combine(ca, "root-ca.crt"), "--cert", device,
            "--intermediates", Path.Combine(dir, "dev", "sensor-1.chain.pem"));
        Assert.Equal(0, withChain.ExitCode);

        var expired = PkiCliRunner.RunAt(PkiCliRunner.Now.AddDays(3), "pki", "verify", "--anchor", Path.Combine(ca, "issuing-ca.crt"), "--cert", device);
        Assert.Equal(1, expired.ExitCode);
        Assert.Contains("expired on", expired.Out, StringComparison.Ordinal);

        var missing = PkiCliRunner.Run("pki", "verify", "--anchor", Path.Combine(ca, "nope.crt"), "--cert", device);
        Assert.Equal(2, missing.ExitCode);

        var notPem = Path.Combine(dir, "junk.pem");
        File.WriteAllText(notPem, "junk");
        Assert.Equal(2, PkiCliRunner.Run("pki", "verify", "--anchor", notPem, "--cert", device).ExitCode);
    }

    [Fact]
    public void CrlRevokesADeviceAndPassesTheAnchorCheck()
    {
        var dir = PkiCliRunner.TempDirectory();
        var ca = InitCa(dir);
        PkiCliRunner.Run("pki", "issue", "--ca", ca, "--name", "lost-1", "--out", Path.Combine(dir, "dev"));
        var crlPath = Path.Combine(ca, "issuing-ca.crl");
        var result = PkiCliRunner.Run("pki", "crl", "--ca", ca, "--out", crlPath, "--revoke", Path.Combine(dir, "dev", "lost-1.crt"), "--days", "14");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("1 revoked certificate(s)", result.Out, StringComparison.Ordinal);

        var report = CrlInspector.Inspect(File.ReadAllText(crlPath), File.ReadAllText(Path.Combine(ca, "issuing-ca.crt")), PkiCliRunner.Now);
        Assert.Empty(report.Findings);
        Assert.Equal(2, PkiCliRunner.Run("pki", "crl", "--ca", ca, "--out", crlPath).ExitCode);
    }

    [Fact]
    public void PkiWithoutASubcommandIsAUsageError()
    {
        Assert.Equal(2, PkiCliRunner.Run("pki").ExitCode);
    }
}
