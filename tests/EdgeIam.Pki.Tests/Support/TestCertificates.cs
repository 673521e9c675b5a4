using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EdgeIam.Pki.Tests.Support;

/// <summary>Builds certificates with exactly the flaw a test needs (BCL only), at the shared test clock.</summary>
public static class TestCertificates
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A dev CA created at <see cref="Now"/> (generated once per test run: key generation is not free).</summary>
    public static DevCaMaterial Ca { get; } = DevCertificateAuthority.Create(new DevCaOptions(), Now);

    /// <summary>A second, unrelated CA with the same names as <see cref="Ca"/> (what a second `pki init` gives).</summary>
    public static DevCaMaterial OtherCa { get; } = DevCertificateAuthority.Create(new DevCaOptions(), Now);

    public static string SelfSignedPem(
        string subject = "CN=Test CA",
        bool ca = true,
        X509KeyUsageFlags? usage = X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? notAfter = null,
        Func<CertificateRequest>? request = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var req = request?.Invoke() ?? new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        req.CertificateExtensions.Add(new X509BasicConstraintsExtension(ca, false, 0, true));
        if (usage is { } flags)
        {
            req.CertificateExtensions.Add(new X509KeyUsageExtension(flags, true));
        }

        using var certificate = req.CreateSelfSigned(notBefore ?? Now.AddDays(-1), notAfter ?? Now.AddYears(5));
        return Pem.Write(Pem.CertificateLabel, certificate.RawData);
    }

    public static X509Certificate2 Load(string pem) => X509Certificate2.CreateFromPem(pem);
}
