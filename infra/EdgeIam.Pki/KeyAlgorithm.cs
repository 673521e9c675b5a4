using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EdgeIam.Pki;

/// <summary>Key types the dev PKI creates; all are accepted by IAM Roles Anywhere.</summary>
public enum KeyAlgorithm
{
    EcdsaP256,
    EcdsaP384,
    Rsa2048,
    Rsa3072,
    Rsa4096,
}

/// <summary>Creating, naming and loading keys of a <see cref="KeyAlgorithm"/>.</summary>
public static class KeyAlgorithms
{
    private static readonly (string Name, KeyAlgorithm Algorithm)[] Named =
    [
        ("ecdsa-p256", KeyAlgorithm.EcdsaP256),
        ("ecdsa-p384", KeyAlgorithm.EcdsaP384),
        ("rsa-2048", KeyAlgorithm.Rsa2048),
        ("rsa-3072", KeyAlgorithm.Rsa3072),
        ("rsa-4096", KeyAlgorithm.Rsa4096),
    ];

    /// <summary>Command-line names, default first.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Named.Select(n => n.Name)];

    public static bool TryParse(string name, out KeyAlgorithm algorithm)
    {
        foreach (var (candidate, value) in Named)
        {
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
            {
                algorithm = value;
                return true;
            }
        }

        algorithm = default;
        return false;
    }

    /// <summary>The algorithm of a certificate's key, when it is one the dev PKI creates (renewal keeps the kind of key).</summary>
    public static KeyAlgorithm? Of(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var ec = certificate.GetECDsaPublicKey();
        if (ec is not null)
        {
            return ec.KeySize switch { 256 => KeyAlgorithm.EcdsaP256, 384 => KeyAlgorithm.EcdsaP384, _ => null };
        }

        using var rsa = certificate.GetRSAPublicKey();
        return rsa?.KeySize switch { 2048 => KeyAlgorithm.Rsa2048, 3072 => KeyAlgorithm.Rsa3072, 4096 => KeyAlgorithm.Rsa4096, _ => null };
    }

    internal static AsymmetricAlgorithm Generate(KeyAlgorithm algorithm) => algorithm switch
    {
        KeyAlgorithm.EcdsaP256 => ECDsa.Create(ECCurve.NamedCurves.nistP256),
        KeyAlgorithm.EcdsaP384 => ECDsa.Create(ECCurve.NamedCurves.nistP384),
        KeyAlgorithm.Rsa2048 => RSA.Create(2048),
        KeyAlgorithm.Rsa3072 => RSA.Create(3072),
        KeyAlgorithm.Rsa4096 => RSA.Create(4096),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "unknown key algorithm"),
    };

    /// <summary>The hash a key signs with: SHA-384 for P-384 (matching strength), SHA-256 otherwise.</summary>
    internal static HashAlgorithmName HashFor(AsymmetricAlgorithm key) =>
        key is ECDsa { KeySize: >= 384 } ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256;

    internal static CertificateRequest Request(X500DistinguishedName subject, AsymmetricAlgorithm key) => key switch
    {
        ECDsa ecdsa => new CertificateRequest(subject, ecdsa, HashFor(key)),
        RSA rsa => new CertificateRequest(subject, rsa, HashFor(key), RSASignaturePadding.Pkcs1),
        _ => throw new ArgumentException("unsupported key type " + key.GetType().Name, nameof(key)),
    };

    internal static X509SignatureGenerator Signer(AsymmetricAlgorithm key) => key switch
    {
        ECDsa ecdsa => X509SignatureGenerator.CreateForECDsa(ecdsa),
        RSA rsa => X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1),
        _ => throw new ArgumentException("unsupported key type " + key.GetType().Name, nameof(key)),
    };

    /// <summary>Unencrypted PKCS#8 PEM (<c>-----BEGIN PRIVATE KEY-----</c>), which aws_signing_helper reads.</summary>
    internal static string ExportPrivateKeyPem(AsymmetricAlgorithm key) => key switch
    {
        ECDsa ecdsa => ecdsa.ExportPkcs8PrivateKeyPem(),
        RSA rsa => rsa.ExportPkcs8PrivateKeyPem(),
        _ => throw new ArgumentException("unsupported key type " + key.GetType().Name, nameof(key)),
    };

    /// <summary>
    /// Loads the private key of <paramref name="certificate"/> from PEM and proves it matches the certificate's
    /// public key; throws <see cref="PkiInputException"/> otherwise.
    /// </summary>
    internal static AsymmetricAlgorithm LoadPrivateKey(string pem, X509Certificate2 certificate, string keyDescription)
    {
        AsymmetricAlgorithm key = certificate.PublicKey.Oid.Value switch
        {
            Algorithms.EcKeyOid => ECDsa.Create(),
            Algorithms.RsaKeyOid => RSA.Create(),
            _ => throw new PkiInputException($"{certificate.Subject} has a {Algorithms.DescribeKey(certificate)} key, which the dev PKI cannot use"),
        };
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            key.Dispose();
            throw new PkiInputException($"{keyDescription} is not a readable unencrypted private key of the certificate's type ({ex.Message.TrimEnd('.')})", ex);
        }

        var keySpki = key switch
        {
            ECDsa ecdsa => ecdsa.ExportSubjectPublicKeyInfo(),
            RSA rsa => rsa.ExportSubjectPublicKeyInfo(),
            _ => [],
        };
        if (!keySpki.AsSpan().SequenceEqual(certificate.PublicKey.ExportSubjectPublicKeyInfo()))
        {
            key.Dispose();
            throw new PkiInputException($"{keyDescription} does not belong to the certificate '{certificate.Subject}'");
        }

        return key;
    }
}
