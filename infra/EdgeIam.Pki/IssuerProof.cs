using System.Security.Cryptography.X509Certificates;

namespace EdgeIam.Pki;

/// <summary>
/// Proves a certificate was issued by a given CA before the CA acts on it (revoke, renew). Names prove nothing: two
/// `pki init` runs make two CAs with the same name. So the CA's public key must verify the certificate's signature,
/// and the certificate's Authority Key Identifier (RFC 5280 §4.2.1.1) must equal the CA's Subject Key Identifier
/// (§4.2.1.2).
/// </summary>
public static class IssuerProof
{
    /// <summary>Null when <paramref name="ca"/> issued <paramref name="certificate"/>; otherwise why not.</summary>
    public static string? WhyNotIssuedBy(X509Certificate2 certificate, X509Certificate2 ca)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(ca);
        if (!SignedStructure.Parse(certificate.RawData).IsSignedBy(ca))
        {
            return CertificateFacts.NamesIssuer(certificate, ca)
                ? $"'{certificate.Subject}' names '{ca.Subject}' as its issuer, but this CA's key did not sign it: another CA with the same name (for example from another `pki init`) issued it"
                : $"'{certificate.Subject}' was issued by '{certificate.Issuer}', not by this CA '{ca.Subject}'";
        }

        var subjectKeyId = ca.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault()?.SubjectKeyIdentifierBytes;
        var authorityKeyId = certificate.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().FirstOrDefault()?.KeyIdentifier;
        if (subjectKeyId is not { Length: > 0 } ski)
        {
            return $"this CA's certificate '{ca.Subject}' has no Subject Key Identifier, so issuance cannot be proven";
        }

        if (authorityKeyId is not { Length: > 0 } aki)
        {
            return $"'{certificate.Subject}' has no Authority Key Identifier, so it cannot be matched to this CA's key";
        }

        return aki.Span.SequenceEqual(ski.Span)
            ? null
            : $"'{certificate.Subject}' has Authority Key Identifier {Convert.ToHexString(aki.Span)}, but this CA's Subject Key Identifier is {Convert.ToHexString(ski.Span)}";
    }
}
