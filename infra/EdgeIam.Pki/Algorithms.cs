using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EdgeIam.Pki;

/// <summary>A signature algorithm by OID, and whether IAM Roles Anywhere accepts it.</summary>
public sealed record SignatureAlgorithm(string Oid, string Name, HashAlgorithmName Hash, bool IsEcdsa, bool Accepted);

/// <summary>
/// Key and signature algorithms IAM Roles Anywhere accepts: RSA and EC keys, signatures with SHA-256 or stronger
/// (MD5 and SHA-1 are rejected). https://docs.aws.amazon.com/rolesanywhere/latest/userguide/trust-model.html
/// EdgeIam also requires RSA keys of at least 2048 bits and the NIST curves P-256 and P-384.
/// </summary>
public static class Algorithms
{
    public const string RsaKeyOid = "1.2.840.113549.1.1.1";
    public const string EcKeyOid = "1.2.840.10045.2.1";
    public const string P256Oid = "1.2.840.10045.3.1.7";
    public const string P384Oid = "1.3.132.0.34";
    public const int MinimumRsaBits = 2048;

    private static readonly Dictionary<string, SignatureAlgorithm> Signatures = new SignatureAlgorithm[]
    {
        new("1.2.840.113549.1.1.4", "md5WithRSAEncryption", HashAlgorithmName.MD5, false, false),
        new("1.2.840.113549.1.1.5", "sha1WithRSAEncryption", HashAlgorithmName.SHA1, false, false),
        new("1.2.840.113549.1.1.11", "sha256WithRSAEncryption", HashAlgorithmName.SHA256, false, true),
        new("1.2.840.113549.1.1.12", "sha384WithRSAEncryption", HashAlgorithmName.SHA384, false, true),
        new("1.2.840.113549.1.1.13", "sha512WithRSAEncryption", HashAlgorithmName.SHA512, false, true),
        new("1.2.840.10045.4.1", "ecdsa-with-SHA1", HashAlgorithmName.SHA1, true, false),
        new("1.2.840.10045.4.3.2", "ecdsa-with-SHA256", HashAlgorithmName.SHA256, true, true),
        new("1.2.840.10045.4.3.3", "ecdsa-with-SHA384", HashAlgorithmName.SHA384, true, true),
        new("1.2.840.10045.4.3.4", "ecdsa-with-SHA512", HashAlgorithmName.SHA512, true, true),
    }.ToDictionary(a => a.Oid, StringComparer.Ordinal);

    /// <summary>The signature algorithm of <paramref name="oid"/>; unknown ones (RSASSA-PSS, Ed25519, …) are not accepted.</summary>
    public static SignatureAlgorithm Signature(string oid) =>
        Signatures.TryGetValue(oid, out var algorithm)
            ? algorithm
            : new SignatureAlgorithm(oid, "signature algorithm " + oid, default, false, false);

    /// <summary>Human description of a certificate's public key: "RSA 2048", "EC P-256", "EC 1.3.132.0.35".</summary>
    public static string DescribeKey(X509Certificate2 certificate)
    {
        switch (certificate.PublicKey.Oid.Value)
        {
            case RsaKeyOid:
                using (var rsa = certificate.GetRSAPublicKey())
                {
                    return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"RSA {rsa?.KeySize ?? 0}");
                }

            case EcKeyOid:
                return "EC " + CurveOid(certificate) switch
                {
                    P256Oid => "P-256",
                    P384Oid => "P-384",
                    "1.3.132.0.35" => "P-521",
                    var other => other ?? "unknown curve",
                };
            default:
                return $"{certificate.PublicKey.Oid.FriendlyName ?? "unknown"} ({certificate.PublicKey.Oid.Value})";
        }
    }

    /// <summary>True for RSA keys of at least 2048 bits and EC keys on P-256 or P-384.</summary>
    public static bool IsAcceptedKey(X509Certificate2 certificate)
    {
        switch (certificate.PublicKey.Oid.Value)
        {
            case RsaKeyOid:
                using (var rsa = certificate.GetRSAPublicKey())
                {
                    return rsa is not null && rsa.KeySize >= MinimumRsaBits;
                }

            case EcKeyOid:
                return CurveOid(certificate) is P256Oid or P384Oid;
            default:
                return false;
        }
    }

    private static string? CurveOid(X509Certificate2 certificate)
    {
        if (certificate.PublicKey.EncodedParameters?.RawData is not { } parameters)
        {
            return null;
        }

        try
        {
            return new AsnReader(parameters, AsnEncodingRules.DER).ReadObjectIdentifier();
        }
        catch (AsnContentException)
        {
            return null;
        }
    }
}
