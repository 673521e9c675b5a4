using System.Security.Cryptography;
using EdgeIam.Pki.Tests.Support;

namespace EdgeIam.Pki.Tests;

/// <summary>ra-session's proof that a key belongs to its certificate: the right key passes, anything else says why.</summary>
public sealed class KeyPossessionTests
{
    private static readonly DateTimeOffset Now = TestCertificates.Now;

    [Theory]
    [InlineData(KeyAlgorithm.EcdsaP256)]
    [InlineData(KeyAlgorithm.EcdsaP384)]
    [InlineData(KeyAlgorithm.Rsa2048)]
    public void TheCertificatesOwnKeyIsProved(KeyAlgorithm algorithm)
    {
        var device = DevCertificateAuthority.IssueDevice(TestCertificates.Ca.Issuing, "edge-device-01", 1, algorithm, Now).Device;
        using var certificate = TestCertificates.Load(device.CertificatePem);
        Assert.Null(KeyPossession.Problem(device.PrivateKeyPem, certificate));
    }

    [Fact]
    public void AnotherKeyOfTheSameTypeIsNotTheCertificates()
    {
        var device = DevCertificateAuthority.IssueDevice(TestCertificates.Ca.Issuing, "edge-device-01", 1, KeyAlgorithm.EcdsaP256, Now).Device;
        var other = DevCertificateAuthority.IssueDevice(TestCertificates.Ca.Issuing, "edge-device-02", 1, KeyAlgorithm.EcdsaP256, Now).Device;
        using var certificate = TestCertificates.Load(device.CertificatePem);
        Assert.Equal("the key does not belong to the certificate 'CN=edge-device-01, O=EdgeIam dev PKI'", KeyPossession.Problem(other.PrivateKeyPem, certificate));
    }

    [Fact]
    public void AKeyOfAnotherTypeIsUnreadableAsTheCertificatesKey()
    {
        var device = DevCertificateAuthority.IssueDevice(TestCertificates.Ca.Issuing, "edge-device-01", 1, KeyAlgorithm.EcdsaP256, Now).Device;
        var rsa = DevCertificateAuthority.IssueDevice(TestCertificates.Ca.Issuing, "edge-device-02", 1, KeyAlgorithm.Rsa2048, Now).Device;
        using var certificate = TestCertificates.Load(device.CertificatePem);
        Assert.StartsWith("the key is not a readable unencrypted private key", KeyPossession.Problem(rsa.PrivateKeyPem, certificate), StringComparison.Ordinal);
    }

    [Fact]
    public void EncryptedTpmAndEmptyKeysSayWhyWithoutQuotingTheKey()
    {
        var device = DevCertificateAuthority.IssueDevice(TestCertificates.Ca.Issuing, "edge-device-01", 1, KeyAlgorithm.EcdsaP256, Now).Device;
        using var certificate = TestCertificates.Load(device.CertificatePem);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var encrypted = key.ExportEncryptedPkcs8PrivateKeyPem("secret", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000));
        Assert.StartsWith("the key is encrypted", KeyPossession.Problem(encrypted, certificate), StringComparison.Ordinal);
        Assert.StartsWith("the key is a TPM-wrapped key", KeyPossession.Problem("-----BEGIN TSS2 PRIVATE KEY-----\nAA==\n-----END TSS2 PRIVATE KEY-----\n", certificate), StringComparison.Ordinal);
        var empty = KeyPossession.Problem(string.Empty, certificate);
        Assert.StartsWith("the key is not a readable unencrypted private key", empty, StringComparison.Ordinal);
        Assert.DoesNotContain("BEGIN", KeyPossession.Problem(device.CertificatePem, certificate), StringComparison.Ordinal);
    }
}
