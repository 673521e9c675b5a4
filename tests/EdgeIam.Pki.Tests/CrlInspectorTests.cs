using EdgeIam.Pki.Tests.Support;

namespace EdgeIam.Pki.Tests;

public sealed class CrlInspectorTests
{
    private static readonly DateTimeOffset Now = TestCertificates.Now;
    private static readonly DevCaMaterial Ca = TestCertificates.Ca;

    [Fact]
    public void ACrlOfTheAnchorsCaIsAccepted()
    {
        var device = DevCertificateAuthority.IssueDevice(Ca.Issuing, "lost-device", 1, KeyAlgorithm.EcdsaP256, Now);
        var crl = DevCertificateAuthority.CreateCrl(Ca.Issuing, [TestCertificates.Load(device.Device.CertificatePem).RawData], 7, Now);
        var report = CrlInspector.Inspect(crl, Ca.Issuing.CertificatePem, Now);
        Assert.Empty(report.Findings);
        Assert.Equal("CN=EdgeIam Dev Issuing CA, O=EdgeIam dev PKI", report.Issuer);
        Assert.Equal(crl.Trim(), report.CrlPem);
    }

    [Fact]
    public void CrlMustBeIssuedByTheAnchorsCa()
    {
        var crl = DevCertificateAuthority.CreateCrl(Ca.Root, [], 7, Now);
        var error = Assert.Single(CrlInspector.Inspect(crl, Ca.Issuing.CertificatePem, Now).Findings);
        Assert.Equal("is issued by 'CN=EdgeIam Dev Root CA, O=EdgeIam dev PKI', not by the anchor's CA 'CN=EdgeIam Dev Issuing CA, O=EdgeIam dev PKI'", error.Message);
    }

    [Fact]
    public void CrlMustBeSignedByTheAnchorsCaKeyNotJustItsName()
    {
        var crl = DevCertificateAuthority.CreateCrl(TestCertificates.OtherCa.Issuing, [], 7, Now);
        var error = Assert.Single(CrlInspector.Inspect(crl, Ca.Issuing.CertificatePem, Now).Findings);
        Assert.True(error.IsError);
        Assert.Contains("that CA's key did not sign it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CrlPastItsNextUpdateIsAWarning()
    {
        var crl = DevCertificateAuthority.CreateCrl(Ca.Issuing, [], 7, Now.AddDays(-10));
        var warning = Assert.Single(CrlInspector.Inspect(crl, Ca.Issuing.CertificatePem, Now).Findings);
        Assert.False(warning.IsError);
        Assert.StartsWith("is past its next update (2026-11-20 12:00 UTC)", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CrlMustBePem()
    {
        var error = Assert.Single(CrlInspector.Inspect(Ca.Issuing.CertificatePem, Ca.Issuing.CertificatePem, Now).Findings);
        Assert.StartsWith("is not a PEM CRL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CrlFileMustNotHoldAPrivateKey()
    {
        var crl = DevCertificateAuthority.CreateCrl(Ca.Issuing, [], 7, Now);
        var report = CrlInspector.Inspect(crl + "\n" + Ca.Issuing.PrivateKeyPem, Ca.Issuing.CertificatePem, Now);
        Assert.Contains(report.Findings, f => f.IsError && f.Message.Contains("private key", StringComparison.Ordinal));
    }

    [Fact]
    public void ACaRefusesToRevokeCertificatesItDidNotIssue()
    {
        var foreign = DevCertificateAuthority.IssueDevice(TestCertificates.OtherCa.Issuing, "x", 1, KeyAlgorithm.EcdsaP256, Now);
        var ex = Assert.Throws<PkiInputException>(() => DevCertificateAuthority.CreateCrl(Ca.Root, [TestCertificates.Load(foreign.Device.CertificatePem).RawData], 7, Now));
        Assert.Contains("only the issuer's CRL can revoke it", ex.Message, StringComparison.Ordinal);
    }
}
