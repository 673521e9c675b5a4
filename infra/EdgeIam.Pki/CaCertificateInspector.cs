using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EdgeIam.Pki;

/// <summary>
/// What <see cref="CaCertificateInspector"/> found in a trust-anchor certificate file. <see cref="CertificatePem"/>
/// is the certificate re-encoded on its own (never any other text of the file), null when none could be read.
/// </summary>
public sealed record CaCertificateReport(string? Subject, string? CertificatePem, IReadOnlyList<PkiFinding> Findings)
{
    public bool HasErrors => Findings.Any(f => f.IsError);
}

/// <summary>
/// Checks that a PEM file can be an IAM Roles Anywhere trust anchor: exactly one X.509 v3 CA certificate (basic
/// constraints CA, keyCertSign), an accepted key (RSA ≥ 2048, EC P-256/P-384) and signature (SHA-256 or stronger),
/// valid now and not about to expire, and no private key anywhere in the file.
/// Requirements: https://docs.aws.amazon.com/rolesanywhere/latest/userguide/trust-model.html
/// </summary>
public static class CaCertificateInspector
{
    public static CaCertificateReport Inspect(string text, DateTimeOffset now, int expiryWarningDays)
    {
        var findings = new List<PkiFinding>();
        if (Pem.ContainsPrivateKey(text))
        {
            findings.Add(PkiFinding.Error(
                "the file holds a private key: a trust anchor needs only the CA's public certificate",
                "delete the PRIVATE KEY block and keep the CA key off this repository; if the key was ever committed, treat the CA as compromised and create a new one."));
        }

        IReadOnlyList<PemBlock> blocks;
        try
        {
            blocks = Pem.Read(text);
        }
        catch (FormatException)
        {
            blocks = [];
        }

        var certificates = blocks.Where(b => b.Label == Pem.CertificateLabel).ToList();
        foreach (var other in blocks.Where(b => b.Label != Pem.CertificateLabel && !b.Label.Contains("PRIVATE KEY", StringComparison.Ordinal)))
        {
            findings.Add(PkiFinding.Error($"the file holds a '{other.Label}' block besides the certificate",
                other.Label == Pem.CrlLabel ? "move the CRL to its own file and name it in `crl:`." : "keep only the CA certificate in this file."));
        }

        if (certificates.Count == 0)
        {
            findings.Add(PkiFinding.Error("is not a PEM certificate (no '-----BEGIN CERTIFICATE-----' block)",
                "give the CA certificate in PEM form; convert DER with `openssl x509 -inform der -in ca.der -out ca.crt`, or create a dev CA with `edgeiam pki init --out DIR`."));
            return new CaCertificateReport(null, null, findings);
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadCertificate(certificates[0].Data);
        }
        catch (CryptographicException ex)
        {
            findings.Add(PkiFinding.Error($"is not a valid X.509 certificate ({ex.Message.TrimEnd('.')})", "export the CA certificate again in PEM form."));
            return new CaCertificateReport(null, null, findings);
        }

        using (certificate)
        {
            if (certificates.Count > 1)
            {
                findings.Add(PkiFinding.Error(
                    string.Create(CultureInfo.InvariantCulture, $"the file holds {certificates.Count} certificates; a trust anchor takes exactly one"),
                    "keep only the certificate of the CA that devices chain to (the issuing CA, or the root when devices send their intermediates); use one trust anchor per CA."));
            }

            CheckCertificate(certificate, now, expiryWarningDays, findings);
            return new CaCertificateReport(certificate.Subject, Pem.Write(Pem.CertificateLabel, certificate.RawData), findings);
        }
    }

    private static void CheckCertificate(X509Certificate2 certificate, DateTimeOffset now, int expiryWarningDays, List<PkiFinding> findings)
    {
        if (certificate.Version != 3)
        {
            findings.Add(PkiFinding.Error(string.Create(CultureInfo.InvariantCulture, $"is an X.509 v{certificate.Version} certificate; Roles Anywhere needs v3"),
                "issue the CA certificate as X.509 v3 with basic constraints and key usage extensions."));
        }

        var basic = CertificateFacts.BasicConstraints(certificate);
        if (basic is null || !basic.CertificateAuthority)
        {
            findings.Add(PkiFinding.Error(
                $"is not a CA certificate (basic constraints {(basic is null ? "absent" : "CA:FALSE")}); it looks like a device (leaf) certificate",
                "use the certificate of the CA that issued it (e.g. issuing-ca.crt of `edgeiam pki init`), not a device's certificate."));
        }

        var usage = CertificateFacts.KeyUsage(certificate);
        if (usage is null || !usage.KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign))
        {
            findings.Add(PkiFinding.Error(
                usage is null ? "has no key usage extension, so it may not sign certificates (keyCertSign)" : $"key usage ({usage.KeyUsages}) lacks keyCertSign, so it may not sign certificates",
                "use a CA certificate whose key usage includes keyCertSign (and cRLSign)."));
        }

        if (!Algorithms.IsAcceptedKey(certificate))
        {
            findings.Add(PkiFinding.Error($"has an unsupported {Algorithms.DescribeKey(certificate)} key",
                "use a CA with an RSA key of at least 2048 bits or an EC key on P-256 or P-384."));
        }

        var signature = CertificateFacts.SignatureAlgorithm(certificate);
        if (!signature.Accepted)
        {
            findings.Add(PkiFinding.Error($"is signed with {signature.Name}; Roles Anywhere needs SHA-256 or stronger",
                "re-issue the CA certificate with sha256WithRSAEncryption or ecdsa-with-SHA256 (or stronger)."));
        }

        var notBefore = CertificateFacts.NotBefore(certificate);
        var notAfter = CertificateFacts.NotAfter(certificate);
        if (notAfter < now)
        {
            findings.Add(PkiFinding.Error($"expired on {CertificateFacts.Format(notAfter)}",
                "renew the CA certificate (or create a new CA and re-issue device certificates) and point `certificate:` at it."));
        }
        else if (notAfter - now < TimeSpan.FromDays(expiryWarningDays))
        {
            findings.Add(PkiFinding.Warning(
                string.Create(CultureInfo.InvariantCulture, $"expires on {CertificateFacts.Format(notAfter)}, within {expiryWarningDays} days (expiryNotificationDays)"),
                "renew the CA certificate now: devices chaining to it stop getting credentials when it expires."));
        }

        if (notBefore > now)
        {
            findings.Add(PkiFinding.Warning($"is not valid before {CertificateFacts.Format(notBefore)}",
                "check the CA's clock; devices cannot authenticate against this anchor until then."));
        }
    }
}
