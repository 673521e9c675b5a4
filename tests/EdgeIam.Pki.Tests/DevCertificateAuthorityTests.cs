using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EdgeIam.Pki.Tests.Support;

namespace EdgeIam.Pki.Tests;

/// <summary>Round trips of the dev PKI, judged by .NET's own chain builder (<see cref="X509Chain"/>), not by EdgeIam's code.</summary>
public sealed class DevCertificateAuthorityTests
{
    private static readonly DateTimeOffset Now = TestCertificates.Now;

    private static X509Chain ChainTo(X509Certificate2 root, params X509Certificate2[] extra)
    {
        var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.ExtraStore.AddRange(extra);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = Now.UtcDateTime;
        return chain;
    }

    [Theory]
    [InlineData(KeyAlgorithm.EcdsaP256)]
    [InlineData(KeyAlgorithm.EcdsaP384)]
    [InlineData(KeyAlgorithm.Rsa2048)]
    public void DeviceCertificatesChainToTheRootThroughTheIssuingCa(KeyAlgorithm algorithm)
    {
        var ca = DevCertificateAuthority.Create(new DevCaOptions(Algorithm: algorithm), Now);
        var device = DevCertificateAuthority.IssueDevice(ca.Issuing, "edge-device-01", 1, algorithm, Now);
        using var root = TestCertificates.Load(ca.Root.CertificatePem);
        using var issuing = TestCertificates.Load(device.ChainPem);
        using var leaf = TestCertificates.Load(device.Device.CertificatePem);

        using var chain = ChainTo(root, issuing);
        Assert.True(chain.Build(leaf), string.Join(", ", chain.ChainStatus.Select(s => s.StatusInformation)));
        Assert.Equal(3, chain.ChainElements.Count);

        using var withoutIntermediate = ChainTo(root);
        Assert.False(withoutIntermediate.Build(leaf));
    }

    [Fact]
    public void TheRootIsSelfSignedAndTheIssuingCaMayOnlyIssueDeviceCertificates()
    {
        using var root = TestCertificates.Load(TestCertificates.Ca.Root.CertificatePem);
        using var issuing = TestCertificates.Load(TestCertificates.Ca.Issuing.CertificatePem);
        Assert.True(CertificateFacts.IsSelfIssued(root));
        var rootConstraints = CertificateFacts.BasicConstraints(root)!;
        Assert.True(rootConstraints.CertificateAuthority && rootConstraints.Critical);
        var issuingConstraints = CertificateFacts.BasicConstraints(issuing)!;
        Assert.True(issuingConstraints.CertificateAuthority);
        Assert.True(issuingConstraints.HasPathLengthConstraint);
        Assert.Equal(0, issuingConstraints.PathLengthConstraint);
        Assert.Equal(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, CertificateFacts.KeyUsage(issuing)!.KeyUsages);
        Assert.Equal("EC P-256", Algorithms.DescribeKey(issuing));
        Assert.Equal("ecdsa-with-SHA256", CertificateFacts.SignatureAlgorithm(issuing).Name);
        Assert.Equal(CertificateFacts.NotAfter(root), CertificateFacts.NotAfter(issuing));
        Assert.Equal(Now.AddDays(3650), CertificateFacts.NotAfter(root));
    }

    [Fact]
    public void DeviceCertificatesAreShortLivedClientCertificatesNamedByCn()
    {
        var device = DevCertificateAuthority.IssueDevice(TestCertificates.Ca.Issuing, "sensor-0042", 1, KeyAlgorithm.EcdsaP256, Now);
        using var leaf = TestCertificates.Load(device.Device.CertificatePem);
        Assert.Equal("sensor-0042", leaf.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
        Assert.False(CertificateFacts.BasicConstraints(leaf)!.CertificateAuthority);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature, CertificateFacts.KeyUsage(leaf)!.KeyUsages);
        var eku = leaf.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single();
        Assert.Equal("1.3.6.1.5.5.7.3.2", Assert.Single(eku.EnhancedKeyUsages.Cast<Oid>()).Value);
        Assert.Equal(Now.AddDays(1), CertificateFacts.NotAfter(leaf));
        Assert.True(CertificateFacts.NotBefore(leaf) < Now);
    }

    [Fact]
    public void TheDeviceKeyBelongsToTheDeviceCertificate()
    {
        var device = DevCertificateAuthority.IssueDevice(TestCertificates.Ca.Issuing, "edge-device-01", 1, KeyAlgorithm.EcdsaP256, Now);
        using var paired = X509Certificate2.CreateFromPem(device.Device.CertificatePem, device.Device.PrivateKeyPem);
        Assert.True(paired.HasPrivateKey);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", device.Device.PrivateKeyPem, StringComparison.Ordinal);
    }

    [Fact]
    public void IssuedCertificateNeverPrintsItsKey()
    {
        var text = TestCertificates.Ca.Issuing.ToString();
        Assert.DoesNotContain("PRIVATE KEY", text, StringComparison.Ordinal);
        Assert.Contains("(hidden)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", TestCertificates.Ca.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("../etc/passwd")]
    [InlineData("a/b")]
    [InlineData("-leading-dash")]
    [InlineData("name with space")]
    [InlineData("x12345678901234567890123456789012345678901234567890123456789012345")]
    public void DeviceNamesMustBeSafeFileNamesAndCns(string name)
    {
        var ex = Assert.Throws<PkiInputException>(() => DevCertificateAuthority.IssueDevice(TestCertificates.Ca.Issuing, name, 1, KeyAlgorithm.EcdsaP256, Now));
        Assert.Contains("is not a usable device name", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeviceCertificatesCannotOutliveTheIssuingCa()
    {
        var ca = DevCertificateAuthority.Create(new DevCaOptions(ValidityDays: 10), Now);
        var ex = Assert.Throws<PkiInputException>(() => DevCertificateAuthority.IssueDevice(ca.Issuing, "d", 11, KeyAlgorithm.EcdsaP256, Now));
        Assert.Contains("would outlive the issuing CA", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IssuingWithAKeyOfAnotherCaIsRefused()
    {
        var mixed = new IssuedCertificate(TestCertificates.Ca.Issuing.CertificatePem, TestCertificates.OtherCa.Issuing.PrivateKeyPem);
        var ex = Assert.Throws<PkiInputException>(() => DevCertificateAuthority.IssueDevice(mixed, "d", 1, KeyAlgorithm.EcdsaP256, Now));
        Assert.Contains("does not belong to the certificate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARevokedDeviceIsListedInTheCrl()
    {
        var device = DevCertificateAuthority.IssueDevice(TestCertificates.Ca.Issuing, "lost", 1, KeyAlgorithm.EcdsaP256, Now);
        using var leaf = TestCertificates.Load(device.Device.CertificatePem);
        var crl = DevCertificateAuthority.CreateCrl(TestCertificates.Ca.Issuing, [leaf.RawData], 7, Now);
        var der = Pem.Read(crl).Single().Data;
        var builder = CertificateRevocationListBuilder.Load(der, out var number);
        Assert.Equal(Now.ToUnixTimeSeconds(), (long)number);
        Assert.True(builder.RemoveEntry(leaf.SerialNumberBytes.Span));
    }
}
