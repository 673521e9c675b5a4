using System.Globalization;
using System.Security.Cryptography.X509Certificates;

namespace EdgeIam.Pki;

/// <summary>Small, exact readings of a certificate shared by the inspectors, the dev CA and the chain verifier.</summary>
public static class CertificateFacts
{
    public static DateTimeOffset NotBefore(X509Certificate2 certificate) => new(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);

    public static DateTimeOffset NotAfter(X509Certificate2 certificate) => new(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);

    /// <summary>"2026-11-23 12:00 UTC": the form every EdgeIam message uses for instants.</summary>
    public static string Format(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static X509BasicConstraintsExtension? BasicConstraints(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();

    public static X509KeyUsageExtension? KeyUsage(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();

    public static bool IsCa(X509Certificate2 certificate) => BasicConstraints(certificate)?.CertificateAuthority == true;

    public static bool IsSelfIssued(X509Certificate2 certificate) =>
        certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);

    /// <summary>True when <paramref name="certificate"/> names <paramref name="issuer"/> as its issuer (by distinguished name).</summary>
    public static bool NamesIssuer(X509Certificate2 certificate, X509Certificate2 issuer) =>
        certificate.IssuerName.RawData.AsSpan().SequenceEqual(issuer.SubjectName.RawData)
        || string.Equals(certificate.Issuer, issuer.Subject, StringComparison.Ordinal);

    /// <summary>True when the certificate's own signature uses SHA-256 or stronger.</summary>
    public static SignatureAlgorithm SignatureAlgorithm(X509Certificate2 certificate) =>
        Algorithms.Signature(certificate.SignatureAlgorithm.Value ?? "");
}
