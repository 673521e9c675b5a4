using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EdgeIam.Pki;

/// <summary>A CRL file given to <see cref="RevocationChecker"/>: where it came from (for messages) and the parsed CRL.</summary>
public sealed record CrlSource(string Name, CrlDocument Crl)
{
    /// <summary>Reads one PEM CRL; throws <see cref="PkiInputException"/> naming <paramref name="name"/> when it is not one.</summary>
    public static CrlSource FromPem(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        IReadOnlyList<byte[]> blocks;
        try
        {
            blocks = [.. Pem.Read(text).Where(b => b.Label == Pem.CrlLabel).Select(b => b.Data)];
        }
        catch (FormatException ex)
        {
            throw new PkiInputException($"{name}: a PEM block is not valid base64 ({ex.Message.TrimEnd('.')}); export the CRL again", ex);
        }

        if (blocks.Count != 1)
        {
            throw new PkiInputException(blocks.Count == 0
                ? $"{name} is not a PEM CRL (no '-----BEGIN X509 CRL-----'); convert DER with `openssl crl -inform der -in FILE -out FILE.pem`"
                : $"{name} holds {blocks.Count} CRLs; give each with its own --crl");
        }

        try
        {
            return new CrlSource(name, CrlDocument.Parse(blocks[0]));
        }
        catch (CryptographicException ex)
        {
            throw new PkiInputException($"{name} is not a valid X.509 CRL ({ex.Message.TrimEnd('.')}); export it again", ex);
        }
    }
}

/// <summary>
/// Revocation status of a verified chain from the CRLs given. Fails closed: a CRL that no CA on the chain signed,
/// that is expired (nextUpdate past) or not yet valid (thisUpdate ahead), has no nextUpdate, or carries a critical
/// extension EdgeIam does not process (RFC 5280 §5.2) makes the answer untrusted, as does a revoked certificate.
/// A CRL covers the certificates its signer issued: the device and any intermediate below the anchor (§6.3).
/// </summary>
public static class RevocationChecker
{
    /// <summary>The problems, empty when none; <paramref name="chain"/> is device first, anchor last.</summary>
    public static IReadOnlyList<string> Check(IReadOnlyList<X509Certificate2> chain, IReadOnlyList<CrlSource> crls, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(crls);
        var problems = new List<string>();
        foreach (var source in crls)
        {
            var crl = source.Crl;
            var signerIndex = -1;
            for (var i = 1; i < chain.Count && signerIndex < 0; i++)
            {
                if (crl.Issuer.AsSpan().SequenceEqual(chain[i].SubjectName.RawData) && crl.Signed.IsSignedBy(chain[i]))
                {
                    signerIndex = i;
                }
            }

            if (signerIndex < 0)
            {
                var sameName = chain.Skip(1).Any(c => crl.Issuer.AsSpan().SequenceEqual(c.SubjectName.RawData));
                problems.Add(sameName
                    ? $"CRL {source.Name} names '{crl.IssuerName}' as issuer, but that CA's key did not sign it: another CA with the same name did; use the CRL of the CA that issued the certificate"
                    : $"CRL {source.Name} is issued by '{crl.IssuerName}', which is not the anchor or an issuer on the chain; give the CRL of '{chain[0].Issuer}'");
                continue;
            }

            var before = problems.Count;
            if (!crl.Signed.Algorithm.Accepted)
            {
                problems.Add($"CRL {source.Name} is signed with {crl.Signed.Algorithm.Name}; it needs SHA-256 or stronger");
            }

            if (crl.ThisUpdate > now)
            {
                problems.Add($"CRL {source.Name} is not yet valid (thisUpdate {CertificateFacts.Format(crl.ThisUpdate)}); check the clock of the CA machine");
            }

            if (crl.NextUpdate is not { } next)
            {
                problems.Add($"CRL {source.Name} has no nextUpdate, so its freshness cannot be judged; publish one with `edgeiam pki crl`");
            }
            else if (next < now)
            {
                problems.Add($"CRL {source.Name} expired: its nextUpdate {CertificateFacts.Format(next)} has passed; publish a fresh one with `edgeiam pki crl --ca DIR --out FILE --force`");
            }

            if (crl.UnknownCriticalExtensions.Count > 0)
            {
                problems.Add($"CRL {source.Name} has critical extension(s) {string.Join(", ", crl.UnknownCriticalExtensions)} that EdgeIam does not process (RFC 5280 §5.2), so it cannot be used");
            }

            if (problems.Count > before)
            {
                continue;
            }

            var covered = chain[signerIndex - 1];
            var serial = SerialNumbers.Of(covered);
            if (crl.Entries.FirstOrDefault(e => e.Serial is not null && e.Serial == serial) is { } entry)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"revoked: '{covered.Subject}' (serial {serial}) was revoked on {CertificateFacts.Format(entry.RevokedAt)}, reason {RevocationReasons.Name(entry.Reason)} (CRL {source.Name}{(crl.Number is { } n ? $", CRL number {n}" : "")})"));
            }
        }

        return problems;
    }
}
