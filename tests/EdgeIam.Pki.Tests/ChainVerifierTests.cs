using System.Security.Cryptography.X509Certificates;
using EdgeIam.Pki.Tests.Support;

namespace EdgeIam.Pki.Tests;

public sealed class ChainVerifierTests : IDisposable
{
    private static readonly DateTimeOffset Now = TestCertificates.Now;
    private readonly X509Certificate2 _root = TestCertificates.Load(TestCertificates.Ca.Root.CertificatePem);
    private readonly X509Certificate2 _issuing = TestCertificates.Load(TestCertificates.Ca.Issuing.CertificatePem);
    private readonly X509Certificate2 _otherIssuing = TestCertificates.Load(TestCertificates.OtherCa.Issuing.CertificatePem);
    private readonly X509Certificate2 _device;

    public ChainVerifierTests()
    {
        var device = DevCertificateAuthority.IssueDevice(TestCertificates.Ca.Issuing, "edge-device-01", 1, KeyAlgorithm.EcdsaP256, Now);
        _device = TestCertificates.Load(device.Device.CertificatePem);
    }

    public void Dispose()
    {
        _root.Dispose();
        _issuing.Dispose();
        _otherIssuing.Dispose();
        _device.Dispose();
    }

    [Fact]
    public void ADeviceIsTrustedByItsIssuingCaAsAnchor()
    {
        var verdict = ChainVerifier.Verify(_issuing, _device, [], Now);
        Assert.True(verdict.Trusted, verdict.Problem);
        Assert.Equal(["device 'CN=edge-device-01, O=EdgeIam dev PKI'", "anchor 'CN=EdgeIam Dev Issuing CA, O=EdgeIam dev PKI'"], verdict.Path);
    }

    [Fact]
    public void ADeviceIsTrustedByTheRootWhenItsIntermediateIsGiven()
    {
        var verdict = ChainVerifier.Verify(_root, _device, [_issuing], Now);
        Assert.True(verdict.Trusted, verdict.Problem);
        Assert.Equal(3, verdict.Path.Count);
        Assert.StartsWith("intermediate ", verdict.Path[1], StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingIntermediateIsNamedWithWhatToAdd()
    {
        var verdict = ChainVerifier.Verify(_root, _device, [], Now);
        Assert.False(verdict.Trusted);
        Assert.StartsWith("link 1 ('CN=edge-device-01", verdict.Link, StringComparison.Ordinal);
        Assert.Contains("was issued by 'CN=EdgeIam Dev Issuing CA, O=EdgeIam dev PKI', which is neither the anchor", verdict.Problem, StringComparison.Ordinal);
        Assert.Contains("no --intermediates were given", verdict.Problem, StringComparison.Ordinal);
        Assert.Contains("--intermediates", verdict.Fix, StringComparison.Ordinal);
        Assert.Contains("chain.pem", verdict.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnrelatedCaWithTheSameNameIsCaughtByItsKey()
    {
        var verdict = ChainVerifier.Verify(_otherIssuing, _device, [], Now);
        Assert.False(verdict.Trusted);
        Assert.Contains("the anchor's key did not sign it", verdict.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AnIntermediateWithTheRightNameButWrongKeyIsNamed()
    {
        var verdict = ChainVerifier.Verify(_root, _device, [_otherIssuing], Now);
        Assert.False(verdict.Trusted);
        Assert.Contains("from --intermediates has the issuer's name, but its key did not sign", verdict.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AChainEndingAtAnotherRootSaysSo()
    {
        var unrelated = DevCertificateAuthority.Create(new DevCaOptions("Partner"), Now);
        using var otherRoot = TestCertificates.Load(unrelated.Root.CertificatePem);
        var verdict = ChainVerifier.Verify(otherRoot, _device, [_issuing, _root], Now);
        Assert.False(verdict.Trusted);
        Assert.StartsWith("link 3", verdict.Link, StringComparison.Ordinal);
        Assert.Contains("the chain ends at the root 'CN=EdgeIam Dev Root CA", verdict.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AnExpiredDeviceCertificateFailsAtTheFirstLink()
    {
        var verdict = ChainVerifier.Verify(_issuing, _device, [], Now.AddDays(2));
        Assert.False(verdict.Trusted);
        Assert.StartsWith("link 1", verdict.Link, StringComparison.Ordinal);
        Assert.Contains("the device certificate 'CN=edge-device-01, O=EdgeIam dev PKI' expired on", verdict.Problem, StringComparison.Ordinal);
        Assert.Contains("pki issue", verdict.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void ACaCertificateIsNotADeviceCertificate()
    {
        var verdict = ChainVerifier.Verify(_root, _issuing, [], Now);
        Assert.False(verdict.Trusted);
        Assert.Contains("is a CA certificate (CA:TRUE), not a device certificate", verdict.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void PathLengthConstraintsAreEnforced()
    {
        // A second intermediate below the issuing CA (pathlen 0) may not sign device certificates that chain to the root.
        var sub = DevCertificateAuthority.Create(new DevCaOptions("Sub"), Now);
        var subIssuing = SignAsIntermediate(TestCertificates.Ca.Issuing, sub.Issuing);
        var device = DevCertificateAuthority.IssueDevice(subIssuing, "deep-device", 1, KeyAlgorithm.EcdsaP256, Now);
        using var subCert = TestCertificates.Load(subIssuing.CertificatePem);
        using var deep = TestCertificates.Load(device.Device.CertificatePem);
        var verdict = ChainVerifier.Verify(_root, deep, [subCert, _issuing], Now);
        Assert.False(verdict.Trusted);
        Assert.Contains("allows 0 CA(s) below it (path length constraint), the chain has 1", verdict.Problem, StringComparison.Ordinal);
    }

    /// <summary>Re-signs <paramref name="subject"/>'s key as a CA certificate issued by <paramref name="issuer"/>.</summary>
    private static IssuedCertificate SignAsIntermediate(IssuedCertificate issuer, IssuedCertificate subject)
    {
        using var issuerCert = X509Certificate2.CreateFromPem(issuer.CertificatePem, issuer.PrivateKeyPem);
        using var subjectKey = System.Security.Cryptography.ECDsa.Create();
        subjectKey.ImportFromPem(subject.PrivateKeyPem);
        var request = new CertificateRequest("CN=Sub Issuing CA", subjectKey, System.Security.Cryptography.HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var certificate = request.Create(issuerCert, Now.AddMinutes(-1), Now.AddDays(30), [7, 7, 7]);
        return new IssuedCertificate(Pem.Write(Pem.CertificateLabel, certificate.RawData), subject.PrivateKeyPem);
    }
}
