using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EdgeIam.Pki.Tests.Support;

namespace EdgeIam.Pki.Tests;

public sealed class CaCertificateInspectorTests
{
    private static readonly DateTimeOffset Now = TestCertificates.Now;

    private static PkiFinding SingleError(CaCertificateReport report)
    {
        var errors = report.Findings.Where(f => f.IsError).ToList();
        Assert.True(errors.Count == 1, "expected one error, got: " + string.Join(" | ", report.Findings.Select(f => f.Message)));
        return errors[0];
    }

    [Fact]
    public void TheDevIssuingCaIsAValidAnchor()
    {
        var report = CaCertificateInspector.Inspect(TestCertificates.Ca.Issuing.CertificatePem, Now, 30);
        Assert.Empty(report.Findings);
        Assert.Equal("CN=EdgeIam Dev Issuing CA, O=EdgeIam dev PKI", report.Subject);
        Assert.Equal(TestCertificates.Ca.Issuing.CertificatePem.Trim(), report.CertificatePem);
    }

    [Fact]
    public void AnchorMustBeACaNotALeaf()
    {
        var device = DevCertificateAuthority.IssueDevice(TestCertificates.Ca.Issuing, "edge-device-01", 1, KeyAlgorithm.EcdsaP256, Now);
        var report = CaCertificateInspector.Inspect(device.Device.CertificatePem, Now, 30);
        var error = Assert.Single(report.Findings, f => f.Message.Contains("not a CA certificate (basic constraints CA:FALSE)", StringComparison.Ordinal));
        Assert.True(error.IsError);
        Assert.Contains("issuing-ca.crt", error.Fix, StringComparison.Ordinal);
        Assert.Equal("CN=edge-device-01, O=EdgeIam dev PKI", report.Subject);
    }

    [Fact]
    public void AnchorMustNotBeExpired()
    {
        var pem = TestCertificates.SelfSignedPem(notBefore: new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), notAfter: new(2020, 1, 2, 0, 0, 0, TimeSpan.Zero));
        var error = SingleError(CaCertificateInspector.Inspect(pem, Now, 30));
        Assert.Equal("expired on 2020-01-02 00:00 UTC", error.Message);
    }

    [Fact]
    public void AnchorExpiringWithinTheNotificationWindowIsAWarning()
    {
        var pem = TestCertificates.SelfSignedPem(notAfter: Now.AddDays(29));
        var report = CaCertificateInspector.Inspect(pem, Now, 30);
        var warning = Assert.Single(report.Findings);
        Assert.False(warning.IsError);
        Assert.Contains("within 30 days (expiryNotificationDays)", warning.Message, StringComparison.Ordinal);
        Assert.Empty(CaCertificateInspector.Inspect(pem, Now, 28).Findings);
    }

    [Fact]
    public void AnchorFileMustNotHoldAPrivateKey()
    {
        var text = TestCertificates.Ca.Issuing.CertificatePem + "\n" + TestCertificates.Ca.Issuing.PrivateKeyPem;
        var error = SingleError(CaCertificateInspector.Inspect(text, Now, 30));
        Assert.Contains("holds a private key", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\nnot even valid\n-----END RSA PRIVATE KEY-----")]
    [InlineData("-----BEGIN OPENSSH PRIVATE KEY-----")]
    public void AnyPrivateKeyArmourCountsEvenMalformed(string keyText)
    {
        var report = CaCertificateInspector.Inspect(TestCertificates.Ca.Issuing.CertificatePem + "\n" + keyText, Now, 30);
        Assert.Contains(report.Findings, f => f.IsError && f.Message.Contains("private key", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("not a certificate")]
    [InlineData("")]
    [InlineData("-----BEGIN CERTIFICATE-----\n%%%%\n-----END CERTIFICATE-----")]
    public void AnchorMustBePem(string text)
    {
        var report = CaCertificateInspector.Inspect(text, Now, 30);
        var error = SingleError(report);
        Assert.StartsWith("is not a PEM certificate", error.Message, StringComparison.Ordinal);
        Assert.Null(report.Subject);
    }

    [Fact]
    public void AnchorMustHoldExactlyOneCertificate()
    {
        var text = TestCertificates.Ca.Issuing.CertificatePem + "\n" + TestCertificates.Ca.Root.CertificatePem;
        var error = SingleError(CaCertificateInspector.Inspect(text, Now, 30));
        Assert.Equal("the file holds 2 certificates; a trust anchor takes exactly one", error.Message);
    }

    [Fact]
    public void AnchorMustBeAllowedToSignCertificates()
    {
        var pem = TestCertificates.SelfSignedPem(usage: X509KeyUsageFlags.CrlSign);
        Assert.Contains("lacks keyCertSign", SingleError(CaCertificateInspector.Inspect(pem, Now, 30)).Message, StringComparison.Ordinal);
        var noUsage = TestCertificates.SelfSignedPem(usage: null);
        Assert.Contains("no key usage extension", SingleError(CaCertificateInspector.Inspect(noUsage, Now, 30)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnchorKeyMustBeRsa2048OrEcP256OrP384()
    {
        using var weak = RSA.Create(1024);
        var rsa1024 = TestCertificates.SelfSignedPem(request: () => new CertificateRequest("CN=Weak CA", weak, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.Equal("has an unsupported RSA 1024 key", SingleError(CaCertificateInspector.Inspect(rsa1024, Now, 30)).Message);

        using var p521 = ECDsa.Create(ECCurve.NamedCurves.nistP521);
        var ec521 = TestCertificates.SelfSignedPem(request: () => new CertificateRequest("CN=P521 CA", p521, HashAlgorithmName.SHA512));
        Assert.Equal("has an unsupported EC P-521 key", SingleError(CaCertificateInspector.Inspect(ec521, Now, 30)).Message);

        using var strong = RSA.Create(2048);
        var rsa2048 = TestCertificates.SelfSignedPem(request: () => new CertificateRequest("CN=RSA CA", strong, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.Empty(CaCertificateInspector.Inspect(rsa2048, Now, 30).Findings);
    }

    [Fact]
    public void AnchorSignatureMustBeSha256OrStronger()
    {
        // .NET refuses to sign with SHA-1, so the test brings a generator that does (as old CAs did).
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Old CA", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        using var certificate = request.Create(request.SubjectName, new Sha1RsaSignatureGenerator(key), Now.AddDays(-1), Now.AddYears(1), [1]);
        var sha1 = Pem.Write(Pem.CertificateLabel, certificate.RawData);
        Assert.Equal("is signed with sha1WithRSAEncryption; Roles Anywhere needs SHA-256 or stronger", SingleError(CaCertificateInspector.Inspect(sha1, Now, 30)).Message);
    }

    [Fact]
    public void OnlyTheCertificateItselfIsKeptNotTheTextAroundIt()
    {
        var text = "Bag Attributes: friendly\n" + TestCertificates.Ca.Issuing.CertificatePem + "\n";
        var report = CaCertificateInspector.Inspect(text, Now, 30);
        Assert.Empty(report.Findings);
        Assert.Equal(TestCertificates.Ca.Issuing.CertificatePem.Trim(), report.CertificatePem);
    }
}
