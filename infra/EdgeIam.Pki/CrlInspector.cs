using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EdgeIam.Pki;

/// <summary>What <see cref="CrlInspector"/> found; <see cref="CrlPem"/> is the CRL re-encoded on its own.</summary>
public sealed record CrlReport(string? Issuer, string? CrlPem, IReadOnlyList<PkiFinding> Findings)
{
    public bool HasErrors => Findings.Any(f => f.IsError);
}

/// <summary>
/// Checks a certificate revocation list for a trust anchor: one PEM CRL (Roles Anywhere imports CRLs in PEM,
/// https://docs.aws.amazon.com/rolesanywhere/latest/APIReference/API_ImportCrl.html), issued and signed by the
/// anchor's CA, and not past its next update.
/// </summary>
public static class CrlInspector
{
    public static CrlReport Inspect(string text, string caCertificatePem, DateTimeOffset now)
    {
        using var ca = X509Certificate2.CreateFromPem(caCertificatePem);
        return Inspect(text, ca, now);
    }

    public static CrlReport Inspect(string text, X509Certificate2 ca, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ca);
        var findings = new List<PkiFinding>();
        if (Pem.ContainsPrivateKey(text))
        {
            findings.Add(PkiFinding.Error("the CRL file holds a private key",
                "delete the PRIVATE KEY block; if the key was ever committed, treat the CA as compromised."));
        }

        IReadOnlyList<byte[]> crls;
        try
        {
            crls = [.. Pem.Read(text).Where(b => b.Label == Pem.CrlLabel).Select(b => b.Data)];
        }
        catch (FormatException)
        {
            crls = [];
        }

        if (crls.Count != 1)
        {
            findings.Add(crls.Count == 0
                ? PkiFinding.Error("is not a PEM CRL (no '-----BEGIN X509 CRL-----' block)",
                    "give the CRL in PEM form; convert DER with `openssl crl -inform der -in ca.crl -out ca.crl.pem`, or create one with `edgeiam pki crl`.")
                : PkiFinding.Error("the file holds more than one CRL", "keep only the current CRL of this anchor's CA."));
            return new CrlReport(null, null, findings);
        }

        CrlDocument fields;
        SignedStructure signed;
        try
        {
            fields = CrlDocument.Parse(crls[0]);
            signed = fields.Signed;
        }
        catch (CryptographicException ex)
        {
            findings.Add(PkiFinding.Error($"is not a valid X.509 CRL ({ex.Message.TrimEnd('.')})", "export the CRL again in PEM form."));
            return new CrlReport(null, null, findings);
        }

        var issuer = new X500DistinguishedName(fields.Issuer);
        var sameName = fields.Issuer.AsSpan().SequenceEqual(ca.SubjectName.RawData) || issuer.Name == ca.Subject;
        if (!sameName)
        {
            findings.Add(PkiFinding.Error($"is issued by '{issuer.Name}', not by the anchor's CA '{ca.Subject}'",
                "use the CRL that this anchor's CA publishes, or attach this CRL to the anchor of its issuer."));
        }
        else if (!signed.IsSignedBy(ca))
        {
            findings.Add(PkiFinding.Error($"names '{ca.Subject}' as issuer, but that CA's key did not sign it ({signed.Algorithm.Name}); another CA with the same name did",
                "use the CRL signed by this anchor's CA (e.g. `edgeiam pki crl --ca DIR` of the CA that issued the anchor)."));
        }

        if (!signed.Algorithm.Accepted)
        {
            findings.Add(PkiFinding.Error($"is signed with {signed.Algorithm.Name}; Roles Anywhere needs SHA-256 or stronger", "sign CRLs with SHA-256 or stronger."));
        }

        if (fields.NextUpdate is { } next && next < now)
        {
            findings.Add(PkiFinding.Warning($"is past its next update ({CertificateFacts.Format(next)}): certificates revoked since then are not in it",
                "publish a fresh CRL from the CA (e.g. `edgeiam pki crl`) and deploy it."));
        }

        return new CrlReport(issuer.Name, Pem.Write(Pem.CrlLabel, crls[0]), findings);
    }
}
