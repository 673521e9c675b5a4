using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace EdgeIam.Pki;

/// <summary>Options of a new dev CA. Defaults: "EdgeIam Dev" names, ECDSA P-256, 10 years.</summary>
/// <param name="Name">Prefix of the CA common names ("&lt;Name&gt; Root CA", "&lt;Name&gt; Issuing CA").</param>
/// <param name="ValidityDays">Validity of the root; the issuing CA ends with it.</param>
public sealed record DevCaOptions(string Name = "EdgeIam Dev", KeyAlgorithm Algorithm = KeyAlgorithm.EcdsaP256, int ValidityDays = 3650);

/// <summary>
/// A small development PKI (the role step-ca plays): a root CA, an issuing CA below it, device certificates that
/// meet IAM Roles Anywhere's end-entity rules (v3, CA:FALSE, digitalSignature, SHA-256+; clientAuth added) and CRLs.
/// Keys never leave as anything but PEM strings handed to the caller.
/// </summary>
public static partial class DevCertificateAuthority
{
    public const string RootCertificateFile = "root-ca.crt";
    public const string RootKeyFile = "root-ca.key";
    public const string IssuingCertificateFile = "issuing-ca.crt";
    public const string IssuingKeyFile = "issuing-ca.key";

    /// <summary>Device certificate lifetime limits, in days (the default is one day: short-lived by design).</summary>
    public const int MaxDeviceDays = 825;

    /// <summary>Certificates start a few minutes in the past so a device whose clock lags slightly can use them at once.</summary>
    private static readonly TimeSpan Backdate = TimeSpan.FromMinutes(5);

    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    /// <summary>True when <paramref name="name"/> is usable both as a certificate CN and as a file name.</summary>
    public static bool IsValidDeviceName(string name) => DeviceNamePattern().IsMatch(name);

    public static DevCaMaterial Create(DevCaOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ValidityDays is < 1 or > 36500)
        {
            throw new PkiInputException("CA validity must be 1 to 36500 days");
        }

        var notBefore = now - Backdate;
        var notAfter = now.AddDays(options.ValidityDays);
        using var rootKey = KeyAlgorithms.Generate(options.Algorithm);
        var rootName = CaName(options.Name + " Root CA");
        var rootRequest = KeyAlgorithms.Request(rootName, rootKey);
        AddCaExtensions(rootRequest, pathLength: 1);
        using var root = rootRequest.Create(rootName, KeyAlgorithms.Signer(rootKey), notBefore, notAfter, NewSerial());

        using var issuingKey = KeyAlgorithms.Generate(options.Algorithm);
        var issuingName = CaName(options.Name + " Issuing CA");
        var issuingRequest = KeyAlgorithms.Request(issuingName, issuingKey);
        AddCaExtensions(issuingRequest, pathLength: 0);
        issuingRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        using var issuing = issuingRequest.Create(root.SubjectName, KeyAlgorithms.Signer(rootKey), notBefore, notAfter, NewSerial());

        return new DevCaMaterial(
            new IssuedCertificate(Pem.Write(Pem.CertificateLabel, root.RawData), KeyAlgorithms.ExportPrivateKeyPem(rootKey)),
            new IssuedCertificate(Pem.Write(Pem.CertificateLabel, issuing.RawData), KeyAlgorithms.ExportPrivateKeyPem(issuingKey)));
    }

    /// <summary>Issues a device certificate (CN = <paramref name="commonName"/>) signed by <paramref name="issuingCa"/>.</summary>
    public static DeviceMaterial IssueDevice(IssuedCertificate issuingCa, string commonName, int days, KeyAlgorithm algorithm, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(issuingCa);
        if (!IsValidDeviceName(commonName))
        {
            throw new PkiInputException($"'{commonName}' is not a usable device name: use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }

        var name = new X500DistinguishedNameBuilder();
        // The builder encodes in reverse order of the calls: O first, then CN, as RFC 5280 names usually are.
        name.AddCommonName(commonName);
        name.AddOrganizationName("EdgeIam dev PKI");
        using var deviceKey = KeyAlgorithms.Generate(algorithm);
        return Issue(issuingCa, name.Build(), deviceKey, days, now);
    }

    /// <summary>
    /// Re-issues <paramref name="current"/> for rotation: the same subject (byte for byte), the device profile of
    /// <see cref="IssueDevice"/>, a new serial, and a new key of <paramref name="algorithm"/> unless
    /// <paramref name="reusedKeyPem"/> (the current certificate's own key, proven to match) is given.
    /// The caller proves first that <paramref name="issuingCa"/> issued <paramref name="current"/> (<see cref="IssuerProof"/>).
    /// </summary>
    public static DeviceMaterial RenewDevice(IssuedCertificate issuingCa, X509Certificate2 current, int days, KeyAlgorithm algorithm, string? reusedKeyPem, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(issuingCa);
        ArgumentNullException.ThrowIfNull(current);
        using var deviceKey = reusedKeyPem is null
            ? KeyAlgorithms.Generate(algorithm)
            : KeyAlgorithms.LoadPrivateKey(reusedKeyPem, current, "--key");
        return Issue(issuingCa, current.SubjectName, deviceKey, days, now);
    }

    private static DeviceMaterial Issue(IssuedCertificate issuingCa, X500DistinguishedName subject, AsymmetricAlgorithm deviceKey, int days, DateTimeOffset now)
    {
        if (days is < 1 or > MaxDeviceDays)
        {
            throw new PkiInputException(string.Create(CultureInfo.InvariantCulture, $"--days must be 1 to {MaxDeviceDays} (device certificates are meant to be short-lived)"));
        }

        using var ca = LoadCa(issuingCa, "the issuing CA key", out var caKey);
        using (caKey)
        {
            var notBefore = now - Backdate;
            var notAfter = now.AddDays(days);
            if (notAfter > CertificateFacts.NotAfter(ca))
            {
                throw new PkiInputException($"the certificate would outlive the issuing CA, which expires on {CertificateFacts.Format(CertificateFacts.NotAfter(ca))}; use fewer --days or renew the CA");
            }

            if (now > CertificateFacts.NotAfter(ca))
            {
                throw new PkiInputException($"the issuing CA expired on {CertificateFacts.Format(CertificateFacts.NotAfter(ca))}");
            }

            var request = KeyAlgorithms.Request(subject, deviceKey);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ClientAuthOid)], critical: false));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
            using var device = request.Create(ca.SubjectName, KeyAlgorithms.Signer(caKey), notBefore, notAfter, NewSerial());
            return new DeviceMaterial(
                new IssuedCertificate(Pem.Write(Pem.CertificateLabel, device.RawData), KeyAlgorithms.ExportPrivateKeyPem(deviceKey)),
                Pem.Write(Pem.CertificateLabel, ca.RawData));
        }
    }

    /// <summary>
    /// The full CRL of <paramref name="ca"/> for the database <paramref name="revocations"/>: CRL number
    /// <paramref name="number"/> (RFC 5280 §5.2.3), the CA's key identifier (§5.2.1, added by the builder), and per
    /// entry the revocation time and, unless unspecified, the reasonCode (§5.3.1).
    /// </summary>
    public static string CreateCrl(IssuedCertificate ca, IEnumerable<Revocation> revocations, BigInteger number, int days, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ca);
        ArgumentNullException.ThrowIfNull(revocations);
        var builder = new CertificateRevocationListBuilder();
        foreach (var entry in revocations)
        {
            // §5.3.1: "unspecified" is never written; the entry simply has no reasonCode.
            builder.AddEntry(SerialNumbers.ToInteger(entry.Serial), entry.RevokedAt,
                entry.Reason is null or X509RevocationReason.Unspecified ? null : entry.Reason);
        }

        return Sign(ca, builder, number, days, now);
    }

    /// <summary>A CRL of <paramref name="ca"/> revoking <paramref name="revoked"/> (DER certificates), valid <paramref name="days"/> days.</summary>
    public static string CreateCrl(IssuedCertificate ca, IEnumerable<byte[]> revoked, int days, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ca);
        ArgumentNullException.ThrowIfNull(revoked);
        using var certificate = X509Certificate2.CreateFromPem(ca.CertificatePem);
        var builder = new CertificateRevocationListBuilder();
        foreach (var der in revoked)
        {
            using var entry = X509CertificateLoader.LoadCertificate(der);
            if (!CertificateFacts.NamesIssuer(entry, certificate))
            {
                throw new PkiInputException($"'{entry.Subject}' was issued by '{entry.Issuer}', not by '{certificate.Subject}'; only the issuer's CRL can revoke it");
            }

            // No reason given: no reasonCode extension (RFC 5280 §5.3.1), rather than an explicit "unspecified".
            builder.AddEntry(entry, now);
        }

        // CRL numbers must increase (RFC 5280 §5.2.3); seconds since the epoch do, without any state file.
        return Sign(ca, builder, new BigInteger(now.ToUnixTimeSeconds()), days, now);
    }

    private static string Sign(IssuedCertificate ca, CertificateRevocationListBuilder builder, BigInteger number, int days, DateTimeOffset now)
    {
        if (days is < 1 or > 36500)
        {
            throw new PkiInputException("CRL validity must be 1 to 36500 days");
        }

        using var certificate = LoadCa(ca, "the CA key", out var key);
        using (key)
        {
            using var signer = key switch
            {
                ECDsa ecdsa => certificate.CopyWithPrivateKey(ecdsa),
                RSA rsa => certificate.CopyWithPrivateKey(rsa),
                _ => throw new PkiInputException("unsupported CA key"),
            };
            var crl = builder.Build(signer, number, now.AddDays(days), KeyAlgorithms.HashFor(key),
                key is RSA ? RSASignaturePadding.Pkcs1 : null, thisUpdate: now);
            return Pem.Write(Pem.CrlLabel, crl);
        }
    }

    private static X509Certificate2 LoadCa(IssuedCertificate ca, string keyDescription, out AsymmetricAlgorithm key)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(ca.CertificatePem);
        }
        catch (CryptographicException ex)
        {
            throw new PkiInputException("the CA certificate is not a readable PEM certificate: " + ex.Message.TrimEnd('.'), ex);
        }

        if (!CertificateFacts.IsCa(certificate))
        {
            certificate.Dispose();
            throw new PkiInputException($"'{certificate.Subject}' is not a CA certificate and cannot sign");
        }

        try
        {
            key = KeyAlgorithms.LoadPrivateKey(ca.PrivateKeyPem, certificate, keyDescription);
        }
        catch
        {
            certificate.Dispose();
            throw;
        }

        return certificate;
    }

    private static X500DistinguishedName CaName(string commonName)
    {
        var name = new X500DistinguishedNameBuilder();
        name.AddCommonName(commonName);
        name.AddOrganizationName("EdgeIam dev PKI");
        return name.Build();
    }

    private static void AddCaExtensions(CertificateRequest request, int pathLength)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: pathLength, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
    }

    /// <summary>A positive 128-bit serial number with a non-zero first byte (RFC 5280 §4.1.2.2: unique, at most 20 octets).</summary>
    private static byte[] NewSerial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x40);
        return serial;
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex DeviceNamePattern();
}
