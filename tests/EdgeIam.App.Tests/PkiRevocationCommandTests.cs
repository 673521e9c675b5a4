using System.Numerics;
using System.Security.Cryptography.X509Certificates;
using EdgeIam.Pki;

namespace EdgeIam.App.Tests;

/// <summary><c>edgeiam pki revoke|crl|renew|verify --crl</c>: the revocation database, CRL contents and rotation.</summary>
public sealed class PkiRevocationCommandTests
{
    private readonly string _dir = PkiCliRunner.TempDirectory();

    private string Ca => Path.Combine(_dir, "ca");

    private string Device(string name) => Path.Combine(_dir, "dev", name + ".crt");

    private string CrlFile => Path.Combine(Ca, "issuing-ca.crl");

    private string Database => Path.Combine(Ca, "revocations.txt");

    private static void Ok((int ExitCode, string Out, string Error) result) => Assert.True(result.ExitCode == 0, result.Error + result.Out);

    private void InitAndIssue(params string[] names)
    {
        Ok(PkiCliRunner.Run("pki", "init", "--out", Ca));
        foreach (var name in names)
        {
            Ok(PkiCliRunner.Run("pki", "issue", "--ca", Ca, "--name", name, "--out", Path.Combine(_dir, "dev"), "--days", "7"));
        }
    }

    private static string SerialOf(string path)
    {
        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(path));
        return SerialNumbers.Of(certificate)!;
    }

    private static string[] DataLines(string path) => [.. File.ReadAllLines(path).Where(l => l.Length > 0 && !l.StartsWith('#'))];

    private static CrlDocument ReadCrl(string path) => CrlSource.FromPem(path, File.ReadAllText(path)).Crl;

    /// <summary>The CRL number as .NET's own CRL reader sees it (not EdgeIam's parser).</summary>
    private static BigInteger DotNetCrlNumber(string path)
    {
        var der = Pem.Read(File.ReadAllText(path)).Single(b => b.Label == Pem.CrlLabel).Data;
        _ = CertificateRevocationListBuilder.Load(der, out var number);
        return number;
    }

    [Fact]
    public void InitCreatesAnEmptyDocumentedDatabaseAndCrlCounter()
    {
        InitAndIssue();
        Assert.StartsWith("# EdgeIam dev CA revocation database", File.ReadAllText(Database), StringComparison.Ordinal);
        Assert.Empty(DataLines(Database));
        Assert.Equal(["last-number 0", "last-count 0"], DataLines(Path.Combine(Ca, "crlnumber")));
    }

    [Fact]
    public void RevokingACertificateOfAnotherCaWithTheSameNameIsRefused()
    {
        InitAndIssue("sensor-1");
        var other = Path.Combine(_dir, "other");
        Ok(PkiCliRunner.Run("pki", "init", "--out", other));
        Ok(PkiCliRunner.Run("pki", "issue", "--ca", other, "--name", "sensor-9", "--out", Path.Combine(_dir, "o")));
        var foreign = Path.Combine(_dir, "o", "sensor-9.crt");
        using (var foreignCertificate = X509Certificate2.CreateFromPem(File.ReadAllText(foreign)))
        using (var ca = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(Ca, "issuing-ca.crt"))))
        {
            Assert.Equal(ca.Subject, foreignCertificate.Issuer); // same issuer name: only the key tells them apart
        }

        var result = PkiCliRunner.Run("pki", "revoke", "--ca", Ca, "--cert", foreign, "--reason", "keyCompromise");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(foreign, result.Error, StringComparison.Ordinal);
        Assert.Contains("another CA with the same name", result.Error, StringComparison.Ordinal);
        Assert.Empty(DataLines(Database));

        var crl = PkiCliRunner.Run("pki", "crl", "--ca", Ca, "--out", CrlFile, "--revoke", foreign);
        Assert.Equal(2, crl.ExitCode);
        Assert.False(File.Exists(CrlFile));
    }

    [Theory]
    [InlineData("xyz")]
    [InlineData("0x1F")]
    [InlineData("00")]
    [InlineData("12:34")]
    public void SerialMustBeHexOfAPositiveNumber(string serial)
    {
        InitAndIssue();
        var result = PkiCliRunner.Run("pki", "revoke", "--ca", Ca, "--serial", serial);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--serial '{serial}' is not a serial number", result.Error, StringComparison.Ordinal);
        Assert.Empty(DataLines(Database));
    }

    [Fact]
    public void RevokingBySerialRecordsTheCnOfAnIssuedCertificateOrUnknown()
    {
        InitAndIssue("sensor-1");
        Ok(PkiCliRunner.Run("pki", "revoke", "--ca", Ca, "--serial", SerialOf(Device("sensor-1")).ToLowerInvariant(), "--reason", "cessationOfOperation"));
        Ok(PkiCliRunner.Run("pki", "revoke", "--ca", Ca, "--serial", "00C0FFEE"));
        Assert.Equal(
            [$"{SerialOf(Device("sensor-1"))}\tsensor-1\t2026-11-23T12:00:00Z\tcessationOfOperation", "C0FFEE\t(unknown)\t2026-11-23T12:00:00Z\tunspecified"],
            DataLines(Database));
    }

    [Fact]
    public void RevokingTwiceIsIdempotentButTheReasonCannotChange()
    {
        InitAndIssue("sensor-1");
        Ok(PkiCliRunner.Run("pki", "revoke", "--ca", Ca, "--cert", Device("sensor-1"), "--reason", "superseded"));
        var again = PkiCliRunner.Run("pki", "revoke", "--ca", Ca, "--cert", Device("sensor-1"));
        Ok(again);
        Assert.Contains("was already revoked on 2026-11-23 12:00 UTC (superseded); nothing changed", again.Out, StringComparison.Ordinal);
        var other = PkiCliRunner.Run("pki", "revoke", "--ca", Ca, "--cert", Device("sensor-1"), "--reason", "keyCompromise");
        Assert.Equal(2, other.ExitCode);
        Assert.Contains("already revoked", other.Error, StringComparison.Ordinal);
        Assert.Single(DataLines(Database));
    }

    [Fact]
    public void AMalformedDatabaseLineIsBadInputNamingFileAndLine()
    {
        InitAndIssue("sensor-1");
        File.AppendAllText(Database, "C0FFEE\tsensor-1\tyesterday\tkeyCompromise\n");
        var crl = PkiCliRunner.Run("pki", "crl", "--ca", Ca, "--out", CrlFile);
        Assert.Equal(2, crl.ExitCode);
        Assert.Contains($"{Database}:3: 'yesterday' is not a time", crl.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(CrlFile));

        var revoke = PkiCliRunner.Run("pki", "revoke", "--ca", Ca, "--cert", Device("sensor-1"));
        Assert.Equal(2, revoke.ExitCode);
        Assert.Contains($"{Database}:3:", revoke.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoCrlsInARowKeepBothRevocationsAndIncreaseTheCrlNumber()
    {
        InitAndIssue("sensor-1", "sensor-2", "sensor-3");
        Ok(PkiCliRunner.Run("pki", "revoke", "--ca", Ca, "--cert", Device("sensor-1"), "--reason", "keyCompromise"));
        Ok(PkiCliRunner.Run("pki", "crl", "--ca", Ca, "--out", CrlFile));
        Assert.Equal(BigInteger.One, DotNetCrlNumber(CrlFile));

        Ok(PkiCliRunner.RunAt(PkiCliRunner.Now.AddHours(1), "pki", "revoke", "--ca", Ca, "--cert", Device("sensor-2")));
        Ok(PkiCliRunner.RunAt(PkiCliRunner.Now.AddHours(1), "pki", "crl", "--ca", Ca, "--out", CrlFile, "--force"));
        Assert.Equal(new BigInteger(2), DotNetCrlNumber(CrlFile));

        var crl = ReadCrl(CrlFile);
        Assert.Equal(new BigInteger(2), crl.Number);
        Assert.Collection(crl.Entries,
            e => Assert.Equal(new CrlEntry(SerialOf(Device("sensor-1")), PkiCliRunner.Now, X509RevocationReason.KeyCompromise), e),
            // No reason given: no reasonCode extension at all (RFC 5280 §5.3.1), not "unspecified".
            e => Assert.Equal(new CrlEntry(SerialOf(Device("sensor-2")), PkiCliRunner.Now.AddHours(1), null), e));
        Assert.DoesNotContain(crl.Entries, e => e.Serial == SerialOf(Device("sensor-3")));
        Assert.Equal(["last-number 2", "last-count 2"], DataLines(Path.Combine(Ca, "crlnumber")));
        Assert.Empty(CrlInspector.Inspect(File.ReadAllText(CrlFile), File.ReadAllText(Path.Combine(Ca, "issuing-ca.crt")), PkiCliRunner.Now.AddHours(1)).Findings);
    }

    [Fact]
    public void ACrlThatWouldListFewerCertificatesIsRefused()
    {
        InitAndIssue("sensor-1", "sensor-2");
        Ok(PkiCliRunner.Run("pki", "revoke", "--ca", Ca, "--cert", Device("sensor-1")));
        Ok(PkiCliRunner.Run("pki", "revoke", "--ca", Ca, "--cert", Device("sensor-2")));
        Ok(PkiCliRunner.Run("pki", "crl", "--ca", Ca, "--out", CrlFile));
        var before = File.ReadAllText(CrlFile);
        File.WriteAllLines(Database, File.ReadAllLines(Database).Where(l => !l.StartsWith(SerialOf(Device("sensor-2")), StringComparison.Ordinal)));

        var result = PkiCliRunner.Run("pki", "crl", "--ca", Ca, "--out", CrlFile, "--force");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("lists 1 revocation(s), but the last CRL (number 1) listed 2", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(CrlFile));
        Assert.Equal(["last-number 1", "last-count 2"], DataLines(Path.Combine(Ca, "crlnumber")));

        // Even with the counter reset, the CRL being replaced still tells.
        File.Delete(Path.Combine(Ca, "crlnumber"));
        var reset = PkiCliRunner.Run("pki", "crl", "--ca", Ca, "--out", CrlFile, "--force");
        Assert.Equal(2, reset.ExitCode);
        Assert.Contains("lists 2 revoked certificate(s), the database only 1", reset.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void CaFoldersWithoutADatabaseKeepWorking()
    {
        InitAndIssue("sensor-1");
        File.Delete(Database);
        File.Delete(Path.Combine(Ca, "crlnumber"));
        Ok(PkiCliRunner.Run("pki", "crl", "--ca", Ca, "--out", CrlFile));
        Assert.Empty(ReadCrl(CrlFile).Entries);
        // The older `pki crl` numbered by seconds since the epoch; numbering goes on from there.
        Assert.Equal(new BigInteger(PkiCliRunner.Now.ToUnixTimeSeconds()), DotNetCrlNumber(CrlFile));

        Ok(PkiCliRunner.Run("pki", "revoke", "--ca", Ca, "--cert", Device("sensor-1")));
        Assert.Single(DataLines(Database));
        Ok(PkiCliRunner.Run("pki", "crl", "--ca", Ca, "--out", CrlFile, "--force"));
        Assert.Equal(new BigInteger(PkiCliRunner.Now.ToUnixTimeSeconds()) + 1, DotNetCrlNumber(CrlFile));
    }

    [Fact]
    public void CrlRevokeIsRecordedInTheDatabase()
    {
        InitAndIssue("sensor-1");
        Ok(PkiCliRunner.Run("pki", "crl", "--ca", Ca, "--out", CrlFile, "--revoke", Device("sensor-1")));
        Assert.Equal([$"{SerialOf(Device("sensor-1"))}\tsensor-1\t2026-11-23T12:00:00Z\tunspecified"], DataLines(Database));
        Ok(PkiCliRunner.Run("pki", "crl", "--ca", Ca, "--out", CrlFile, "--force"));
        Assert.Equal(SerialOf(Device("sensor-1")), Assert.Single(ReadCrl(CrlFile).Entries).Serial);
    }

    private (int ExitCode, string Out, string Error) VerifyAt(DateTimeOffset now, string device, params string[] crls) =>
        PkiCliRunner.RunAt(now, ["pki", "verify", "--anchor", Path.Combine(Ca, "issuing-ca.crt"), "--cert", device, .. crls.SelectMany(c => new[] { "--crl", c })]);

    [Fact]
    public void VerifyNamesTheRevocationOfARevokedCertificate()
    {
        InitAndIssue("sensor-1", "sensor-2");
        Ok(PkiCliRunner.Run("pki", "revoke", "--ca", Ca, "--cert", Device("sensor-1"), "--reason", "keyCompromise"));
        Ok(PkiCliRunner.Run("pki", "crl", "--ca", Ca, "--out", CrlFile));

        var revoked = VerifyAt(PkiCliRunner.Now.AddHours(1), Device("sensor-1"), CrlFile);
        Assert.Equal(1, revoked.ExitCode);
        Assert.Contains($"revoked: 'CN=sensor-1, O=EdgeIam dev PKI' (serial {SerialOf(Device("sensor-1"))}) was revoked on 2026-11-23 12:00 UTC, reason keyCompromise (CRL {CrlFile}, CRL number 1)", revoked.Out, StringComparison.Ordinal);

        var fine = VerifyAt(PkiCliRunner.Now.AddHours(1), Device("sensor-2"), CrlFile);
        Ok(fine);
        Assert.Contains("not revoked according to 1 CRL(s)", fine.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void VerifyWithAnExpiredOrNotYetValidCrlIsUntrusted()
    {
        InitAndIssue("sensor-1");
        Ok(PkiCliRunner.Run("pki", "crl", "--ca", Ca, "--out", CrlFile, "--days", "1"));

        var expired = VerifyAt(PkiCliRunner.Now.AddDays(2), Device("sensor-1"), CrlFile);
        Assert.Equal(1, expired.ExitCode);
        Assert.Contains($"CRL {CrlFile} expired: its nextUpdate 2026-11-24 12:00 UTC has passed", expired.Out, StringComparison.Ordinal);

        var early = VerifyAt(PkiCliRunner.Now.AddMinutes(-2), Device("sensor-1"), CrlFile);
        Assert.Equal(1, early.ExitCode);
        Assert.Contains("is not yet valid (thisUpdate 2026-11-23 12:00 UTC)", early.Out, StringComparison.Ordinal);

        Ok(VerifyAt(PkiCliRunner.Now.AddHours(23), Device("sensor-1"), CrlFile));
    }

    [Fact]
    public void VerifyWithACrlSignedByAnotherKeyIsUntrusted()
    {
        InitAndIssue("sensor-1");
        var other = Path.Combine(_dir, "other");
        Ok(PkiCliRunner.Run("pki", "init", "--out", other));
        var foreignCrl = Path.Combine(other, "issuing-ca.crl");
        Ok(PkiCliRunner.Run("pki", "crl", "--ca", other, "--out", foreignCrl));
        Ok(PkiCliRunner.Run("pki", "crl", "--ca", Ca, "--out", CrlFile));

        var result = VerifyAt(PkiCliRunner.Now, Device("sensor-1"), CrlFile, foreignCrl);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"CRL {foreignCrl} names 'CN=EdgeIam Dev Issuing CA, O=EdgeIam dev PKI' as issuer, but that CA's key did not sign it", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain($"CRL {CrlFile}", result.Out, StringComparison.Ordinal);

        var notACrl = VerifyAt(PkiCliRunner.Now, Device("sensor-1"), Device("sensor-1"));
        Assert.Equal(2, notACrl.ExitCode);
        Assert.Contains("is not a PEM CRL", notACrl.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void RenewKeepsTheSubjectWithANewKeyAndChainsToTheSameCa()
    {
        InitAndIssue("sensor-1");
        var renewed = Path.Combine(_dir, "renewed");
        var result = PkiCliRunner.RunAt(PkiCliRunner.Now.AddHours(20), "pki", "renew", "--ca", Ca, "--cert", Device("sensor-1"), "--out", renewed, "--days", "2");
        Ok(result);
        Assert.DoesNotContain("PRIVATE KEY", result.Out, StringComparison.Ordinal);

        using var old = X509Certificate2.CreateFromPem(File.ReadAllText(Device("sensor-1")));
        using var root = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(Ca, "root-ca.crt")));
        using var issuing = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(renewed, "sensor-1.chain.pem")));
        using var fresh = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(renewed, "sensor-1.crt")), File.ReadAllText(Path.Combine(renewed, "sensor-1.key")));
        Assert.Equal(old.SubjectName.RawData, fresh.SubjectName.RawData);
        Assert.NotEqual(old.SerialNumber, fresh.SerialNumber);
        Assert.NotEqual(old.PublicKey.ExportSubjectPublicKeyInfo(), fresh.PublicKey.ExportSubjectPublicKeyInfo());
        Assert.Equal(PkiCliRunner.Now.AddHours(20).AddDays(2), CertificateFacts.NotAfter(fresh));
        Assert.Null(IssuerProof.WhyNotIssuedBy(fresh, issuing));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(renewed, "sensor-1.key")));
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.ExtraStore.Add(issuing);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = PkiCliRunner.Now.AddHours(21).UtcDateTime;
        Assert.True(chain.Build(fresh), string.Join(", ", chain.ChainStatus.Select(s => s.StatusInformation)));
    }

    [Fact]
    public void RenewCanKeepTheKeyAndRefusesForeignOrRevokedCertificates()
    {
        InitAndIssue("sensor-1", "sensor-2");
        var renewed = Path.Combine(_dir, "renewed");
        Ok(PkiCliRunner.Run("pki", "renew", "--ca", Ca, "--cert", Device("sensor-1"), "--out", renewed, "--reuse-key", "--key", Path.Combine(_dir, "dev", "sensor-1.key")));
        Assert.False(File.Exists(Path.Combine(renewed, "sensor-1.key")));
        using (var old = X509Certificate2.CreateFromPem(File.ReadAllText(Device("sensor-1"))))
        using (var fresh = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(renewed, "sensor-1.crt"))))
        {
            Assert.Equal(old.PublicKey.ExportSubjectPublicKeyInfo(), fresh.PublicKey.ExportSubjectPublicKeyInfo());
        }

        var wrongKey = PkiCliRunner.Run("pki", "renew", "--ca", Ca, "--cert", Device("sensor-1"), "--out", Path.Combine(_dir, "r2"), "--reuse-key", "--key", Path.Combine(_dir, "dev", "sensor-2.key"));
        Assert.Equal(2, wrongKey.ExitCode);
        Assert.Contains("does not belong to the certificate", wrongKey.Error, StringComparison.Ordinal);

        var other = Path.Combine(_dir, "other");
        Ok(PkiCliRunner.Run("pki", "init", "--out", other));
        Ok(PkiCliRunner.Run("pki", "issue", "--ca", other, "--name", "sensor-9", "--out", Path.Combine(_dir, "o")));
        var foreign = PkiCliRunner.Run("pki", "renew", "--ca", Ca, "--cert", Path.Combine(_dir, "o", "sensor-9.crt"), "--out", Path.Combine(_dir, "r3"));
        Assert.Equal(2, foreign.ExitCode);
        Assert.Contains("refusing to renew it", foreign.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "r3")));

        Ok(PkiCliRunner.Run("pki", "revoke", "--ca", Ca, "--cert", Device("sensor-2"), "--reason", "keyCompromise"));
        var revoked = PkiCliRunner.Run("pki", "renew", "--ca", Ca, "--cert", Device("sensor-2"), "--out", Path.Combine(_dir, "r4"));
        Assert.Equal(2, revoked.ExitCode);
        Assert.Contains("a revoked certificate is not renewed", revoked.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnreadableCaCertificateIsBadInputNotACrash()
    {
        InitAndIssue("sensor-1");
        File.WriteAllText(Path.Combine(Ca, "issuing-ca.crt"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        foreach (var args in new[]
        {
            new[] { "pki", "revoke", "--ca", Ca, "--cert", Device("sensor-1") },
            ["pki", "crl", "--ca", Ca, "--out", CrlFile],
            ["pki", "renew", "--ca", Ca, "--cert", Device("sensor-1"), "--out", Path.Combine(_dir, "r")],
        })
        {
            var result = PkiCliRunner.Run(args);
            Assert.Equal(2, result.ExitCode);
            Assert.Contains("issuing-ca.crt", result.Error, StringComparison.Ordinal);
        }

        Assert.Empty(DataLines(Database));
    }
}
