using EdgeIam.Config.RolesAnywhere;
using EdgeIam.Config.Tests.Support;
using EdgeIam.Pki;
using static EdgeIam.Config.Tests.RolesAnywhere.RolesAnywhereFixtures;

namespace EdgeIam.Config.Tests.RolesAnywhere;

/// <summary>Trust anchors: the CA certificate is checked at load, so a bad anchor is a config error with a key path.</summary>
public sealed class TrustAnchorRulesTests
{
    private static string WithCertificate(string path) => Yaml(Section.Replace("certificate: pki/ca.crt", "certificate: " + path, StringComparison.Ordinal));

    private static Diagnostics.ConfigDiagnostic SingleCertificateError(string text)
    {
        var error = StackFiles.SingleError(Yaml(Section), Files(("pki/ca.crt", text)));
        Assert.Equal("rolesAnywhere.trustAnchors[0].certificate", error.KeyPath);
        Assert.Equal(6, error.Line);
        return error;
    }

    [Fact]
    public void AValidCertificateAnchorKeepsOnlyTheCertificate()
    {
        var stack = StackFiles.Valid(Yaml(Section), CaFile());
        var anchor = Assert.Single(stack.RolesAnywhere!.TrustAnchors);
        var source = Assert.IsType<CertificateSource>(anchor.Source);
        Assert.Equal(Ca.Issuing.CertificatePem.Trim(), source.CertificatePem);
        Assert.Equal("CN=EdgeIam Dev Issuing CA, O=EdgeIam dev PKI", source.Subject);
        Assert.Equal(TrustAnchorParser.DefaultExpiryNotificationDays, anchor.ExpiryNotificationDays);
    }

    [Fact]
    public void TrustAnchorCertificateMustExist()
    {
        var error = StackFiles.SingleError(WithCertificate("pki/missing.crt"), CaFile());
        Assert.Equal("rolesAnywhere.trustAnchors[0].certificate", error.KeyPath);
        Assert.StartsWith("certificate file 'pki/missing.crt' does not exist (looked for ", error.Message, StringComparison.Ordinal);
        Assert.Contains("pki init", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void TrustAnchorMustBeACaNotALeaf()
    {
        var device = DevCertificateAuthority.IssueDevice(Ca.Issuing, "sensor-1", 90, KeyAlgorithm.EcdsaP256, StackFiles.Now);
        var result = StackFiles.Load(Yaml(Section), Files(("pki/ca.crt", device.Device.CertificatePem)));
        var error = Assert.Single(result.Diagnostics, d => d.IsError && d.Message.Contains("is not a CA certificate", StringComparison.Ordinal));
        Assert.Equal("certificate 'CN=sensor-1, O=EdgeIam dev PKI' (pki/ca.crt): is not a CA certificate (basic constraints CA:FALSE); it looks like a device (leaf) certificate", error.Message);
        Assert.Empty(result.Stacks);
    }

    [Fact]
    public void TrustAnchorFileMustNotHoldAPrivateKey()
    {
        var error = SingleCertificateError(Ca.Issuing.CertificatePem + "\n" + Ca.Issuing.PrivateKeyPem);
        Assert.Equal("certificate 'CN=EdgeIam Dev Issuing CA, O=EdgeIam dev PKI' (pki/ca.crt): the file holds a private key: a trust anchor needs only the CA's public certificate", error.Message);
    }

    [Fact]
    public void TrustAnchorCertificateMustBePem()
    {
        var error = SingleCertificateError("not a certificate\n");
        Assert.Equal("certificate file 'pki/ca.crt': is not a PEM certificate (no '-----BEGIN CERTIFICATE-----' block)", error.Message);
    }

    [Fact]
    public void TrustAnchorCertificateMustNotBeExpired()
    {
        var expired = DevCertificateAuthority.Create(new DevCaOptions("Old", ValidityDays: 10), StackFiles.Now.AddDays(-30));
        var error = SingleCertificateError(expired.Issuing.CertificatePem);
        Assert.StartsWith("certificate 'CN=Old Issuing CA, O=EdgeIam dev PKI' (pki/ca.crt): expired on 2026-11-03", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrustAnchorExpiringWithinExpiryNotificationDaysIsAWarning()
    {
        var soon = DevCertificateAuthority.Create(new DevCaOptions("Soon", ValidityDays: 40), StackFiles.Now);
        var yaml = Yaml(Section.Replace("certificate: pki/ca.crt", "certificate: pki/ca.crt\n      expiryNotificationDays: 45", StringComparison.Ordinal));
        var result = StackFiles.Load(yaml, Files(("pki/ca.crt", soon.Issuing.CertificatePem)));
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal("rolesAnywhere.trustAnchors[0].certificate", warning.KeyPath);
        Assert.Contains("within 45 days (expiryNotificationDays)", warning.Message, StringComparison.Ordinal);
        Assert.Equal(45, Assert.Single(result.Stacks).RolesAnywhere!.TrustAnchors[0].ExpiryNotificationDays);
    }

    [Fact]
    public void TrustAnchorKeyMustBeOneRolesAnywhereAccepts()
    {
        var rsa2048 = DevCertificateAuthority.Create(new DevCaOptions(Algorithm: KeyAlgorithm.Rsa2048), StackFiles.Now);
        Assert.Empty(StackFiles.Load(Yaml(Section), Files(("pki/ca.crt", rsa2048.Issuing.CertificatePem))).Diagnostics);

        using var weak = System.Security.Cryptography.RSA.Create(1024);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=Weak CA", weak,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new System.Security.Cryptography.X509Certificates.X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new System.Security.Cryptography.X509Certificates.X509KeyUsageExtension(
            System.Security.Cryptography.X509Certificates.X509KeyUsageFlags.KeyCertSign, true));
        using var certificate = request.CreateSelfSigned(StackFiles.Now.AddDays(-1), StackFiles.Now.AddYears(1));
        var error = SingleCertificateError(Pem.Write(Pem.CertificateLabel, certificate.RawData));
        Assert.Equal("certificate 'CN=Weak CA' (pki/ca.crt): has an unsupported RSA 1024 key", error.Message);
    }

    [Fact]
    public void TrustAnchorTakesACertificateOrAPrivateCaNotBoth()
    {
        var yaml = Yaml(Section.Replace("certificate: pki/ca.crt", "certificate: pki/ca.crt\n      acmPcaArn: arn:aws:acm-pca:us-east-1:111111111111:certificate-authority/4f2d9c1e-8a7b-4c3d-9e0f-1a2b3c4d5e6f", StringComparison.Ordinal));
        var error = StackFiles.SingleError(yaml, CaFile());
        Assert.Equal("rolesAnywhere.trustAnchors[0].acmPcaArn", error.KeyPath);
        Assert.Equal("a trust anchor takes either `certificate` or `acmPcaArn`, not both", error.Message);
    }

    [Fact]
    public void TrustAnchorNeedsACertificateOrAPrivateCa()
    {
        var error = StackFiles.SingleError(Yaml(Section.Replace("      certificate: pki/ca.crt\n", "", StringComparison.Ordinal)));
        Assert.Equal("rolesAnywhere.trustAnchors[0].certificate", error.KeyPath);
        Assert.Equal("is required but missing", error.Message);
        Assert.Contains("acmPcaArn", error.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arn:aws:acm-pca:us-east-1:111111111111:certificate-authority/4f2d9c1e-8a7b-4c3d-9e0f-1a2b3c4d5e6f", null)]
    [InlineData("arn:aws:acm-pca:eu-west-1:111111111111:certificate-authority/4f2d9c1e-8a7b-4c3d-9e0f-1a2b3c4d5e6f", "the Private CA is in eu-west-1, but the stack deploys to us-east-1; a trust anchor needs a CA in its own region")]
    [InlineData("arn:aws:acm-pca:us-east-1:111111111111:certificate-authority/not-a-uuid", "'arn:aws:acm-pca:us-east-1:111111111111:certificate-authority/not-a-uuid' is not an AWS Private CA ARN")]
    public void PrivateCaAnchorMustBeAPrivateCaOfTheStacksRegion(string arn, string? expected)
    {
        var yaml = Yaml(Section.Replace("certificate: pki/ca.crt", "acmPcaArn: " + arn, StringComparison.Ordinal));
        if (expected is null)
        {
            var anchor = StackFiles.Valid(yaml).RolesAnywhere!.TrustAnchors[0];
            Assert.Equal(arn, Assert.IsType<AcmPcaSource>(anchor.Source).Arn);
            return;
        }

        var error = StackFiles.SingleError(yaml);
        Assert.Equal("rolesAnywhere.trustAnchors[0].acmPcaArn", error.KeyPath);
        Assert.Equal(expected, error.Message);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(360, true)]
    [InlineData(0, false)]
    [InlineData(361, false)]
    public void ExpiryNotificationDaysIsWithinTheNotificationThresholdRange(int days, bool valid)
    {
        var yaml = Yaml(Section.Replace("certificate: pki/ca.crt",
            "acmPcaArn: arn:aws:acm-pca:us-east-1:111111111111:certificate-authority/4f2d9c1e-8a7b-4c3d-9e0f-1a2b3c4d5e6f\n      expiryNotificationDays: " + days,
            StringComparison.Ordinal));
        if (valid)
        {
            Assert.Equal(days, StackFiles.Valid(yaml).RolesAnywhere!.TrustAnchors[0].ExpiryNotificationDays);
            return;
        }

        var error = StackFiles.SingleError(yaml);
        Assert.Equal("rolesAnywhere.trustAnchors[0].expiryNotificationDays", error.KeyPath);
        Assert.Equal($"{days} is out of range 1..360", error.Message);
    }

    [Fact]
    public void CrlMustBeIssuedByTheAnchorsCa()
    {
        var yaml = Yaml(Section.Replace("certificate: pki/ca.crt", "certificate: pki/ca.crt\n      crl: pki/ca.crl", StringComparison.Ordinal));
        var good = DevCertificateAuthority.CreateCrl(Ca.Issuing, [], 30, StackFiles.Now);
        var anchor = StackFiles.Valid(yaml, Files(("pki/ca.crt", Ca.Issuing.CertificatePem), ("pki/ca.crl", good))).RolesAnywhere!.TrustAnchors[0];
        Assert.Equal(good.Trim(), anchor.Crl!.CrlPem);

        var foreign = DevCertificateAuthority.CreateCrl(OtherCa.Issuing, [], 30, StackFiles.Now);
        var error = StackFiles.SingleError(yaml, Files(("pki/ca.crt", Ca.Issuing.CertificatePem), ("pki/ca.crl", foreign)));
        Assert.Equal("rolesAnywhere.trustAnchors[0].crl", error.KeyPath);
        Assert.Equal("CRL 'pki/ca.crl' for certificate 'CN=EdgeIam Dev Issuing CA, O=EdgeIam dev PKI': is issued by 'CN=Other Issuing CA, O=EdgeIam dev PKI', not by the anchor's CA 'CN=EdgeIam Dev Issuing CA, O=EdgeIam dev PKI'", error.Message);
    }

    [Fact]
    public void CrlPastItsNextUpdateIsAWarning()
    {
        var yaml = Yaml(Section.Replace("certificate: pki/ca.crt", "certificate: pki/ca.crt\n      crl: pki/ca.crl", StringComparison.Ordinal));
        var stale = DevCertificateAuthority.CreateCrl(Ca.Issuing, [], 1, StackFiles.Now.AddDays(-3));
        var result = StackFiles.Load(yaml, Files(("pki/ca.crt", Ca.Issuing.CertificatePem), ("pki/ca.crl", stale)));
        Assert.False(result.HasErrors);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal("rolesAnywhere.trustAnchors[0].crl", warning.KeyPath);
        Assert.Contains("is past its next update", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CrlNeedsACertificateAnchor()
    {
        var yaml = Yaml(Section.Replace("certificate: pki/ca.crt",
            "acmPcaArn: arn:aws:acm-pca:us-east-1:111111111111:certificate-authority/4f2d9c1e-8a7b-4c3d-9e0f-1a2b3c4d5e6f\n      crl: pki/ca.crl", StringComparison.Ordinal));
        var error = StackFiles.SingleError(yaml);
        Assert.Equal("rolesAnywhere.trustAnchors[0].crl", error.KeyPath);
        Assert.StartsWith("a CRL can only be checked against a CA certificate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownTrustAnchorKeysAreReportedWithTheNearestKey()
    {
        var error = StackFiles.SingleError(Yaml(Section.Replace("certificate: pki/ca.crt", "certificate: pki/ca.crt\n      expiryNotificationDay: 10", StringComparison.Ordinal)), CaFile());
        Assert.Equal("rolesAnywhere.trustAnchors[0].expiryNotificationDay", error.KeyPath);
        Assert.StartsWith("did you mean `expiryNotificationDays`?", error.Fix, StringComparison.Ordinal);
    }
}
