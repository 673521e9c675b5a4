using System.Globalization;
using System.Security.Cryptography.X509Certificates;

namespace EdgeIam.Pki;

/// <summary>
/// Whether a device certificate chains to a trust anchor. When trusted, <see cref="Path"/> lists the chain from the
/// device to the anchor; when not, <see cref="Link"/> names the failing link, <see cref="Problem"/> says why and
/// <see cref="Fix"/> what to add or change.
/// </summary>
public sealed record ChainVerdict(bool Trusted, IReadOnlyList<string> Path, string? Link, string? Problem, string? Fix)
{
    public static ChainVerdict Untrusted(IReadOnlyList<string> path, string link, string problem, string fix) => new(false, path, link, problem, fix);

    /// <summary>When trusted: the certificates of <see cref="Path"/>, device first, anchor last (owned by the caller).</summary>
    public IReadOnlyList<X509Certificate2> Certificates { get; init; } = [];
}

/// <summary>
/// Verifies a device certificate against one trust anchor the way IAM Roles Anywhere does: the anchor may be a root
/// or an intermediate CA, intermediates come from the device (here: <c>--intermediates</c>), and the device
/// certificate must be an X.509 v3 end-entity certificate with digitalSignature and a SHA-256+ signature
/// (https://docs.aws.amazon.com/rolesanywhere/latest/userguide/trust-model.html). Links are checked one by one (name,
/// signature, CA flags, path length, validity) so the answer can say which one fails; the path found is then
/// confirmed by .NET's own chain builder (<see cref="X509Chain"/>).
/// </summary>
public static class ChainVerifier
{
    private const int MaxDepth = 8;

    public static ChainVerdict Verify(X509Certificate2 anchor, X509Certificate2 device, IReadOnlyList<X509Certificate2> intermediates, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(anchor);
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(intermediates);

        if (CertificateFacts.IsCa(device))
        {
            return ChainVerdict.Untrusted([Describe(device)], "device certificate",
                $"'{device.Subject}' is a CA certificate (CA:TRUE), not a device certificate",
                "pass the device's own certificate with --cert (NAME.crt written by `edgeiam pki issue`).");
        }

        var path = new List<X509Certificate2> { device };
        var reachedAnchor = false;
        while (!reachedAnchor && path.Count <= MaxDepth)
        {
            var current = path[^1];
            var signed = SignedStructure.Parse(current.RawData);
            if (CertificateFacts.NamesIssuer(current, anchor) && signed.IsSignedBy(anchor))
            {
                path.Add(anchor);
                reachedAnchor = true;
                continue;
            }

            var next = intermediates.FirstOrDefault(c => !path.Any(p => p.RawData.AsSpan().SequenceEqual(c.RawData))
                && CertificateFacts.NamesIssuer(current, c) && signed.IsSignedBy(c));
            if (next is null)
            {
                return MissingIssuer(anchor, intermediates, path, current, signed);
            }

            path.Add(next);
        }

        if (!reachedAnchor)
        {
            return ChainVerdict.Untrusted(Describe(path), "chain", string.Create(CultureInfo.InvariantCulture, $"no anchor within {MaxDepth} links"),
                "check --intermediates for a loop or an unrelated chain.");
        }

        return CheckLinks(path, now) ?? ConfirmWithChainBuilder(anchor, device, path, now);
    }

    private static ChainVerdict MissingIssuer(X509Certificate2 anchor, IReadOnlyList<X509Certificate2> intermediates, List<X509Certificate2> path, X509Certificate2 current, SignedStructure signed)
    {
        var link = LinkName(path.Count - 1, current);
        if (CertificateFacts.NamesIssuer(current, anchor))
        {
            return ChainVerdict.Untrusted(Describe(path), link,
                $"'{current.Subject}' names '{current.Issuer}' as its issuer and the anchor has that name, but the anchor's key did not sign it ({signed.Algorithm.Name}): the anchor is a different CA with the same name (for example from another `pki init`)",
                "use as anchor the certificate of the CA that really issued it (issuing-ca.crt next to the key that signed it), or issue the device certificate again from the anchor's CA.");
        }

        if (CertificateFacts.IsSelfIssued(current) && signed.IsSignedBy(current))
        {
            return ChainVerdict.Untrusted(Describe(path), link,
                $"the chain ends at the root '{current.Subject}', which is not the anchor '{anchor.Subject}'",
                $"use '{current.Subject}' as the trust anchor, or a trust anchor for one of the CAs on this chain.");
        }

        if (intermediates.FirstOrDefault(c => CertificateFacts.NamesIssuer(current, c) && !path.Any(p => p.RawData.AsSpan().SequenceEqual(c.RawData))) is { } impostor)
        {
            return ChainVerdict.Untrusted(Describe(path), link,
                $"the intermediate '{impostor.Subject}' from --intermediates has the issuer's name, but its key did not sign '{current.Subject}'",
                "pass the intermediate certificate of the CA that really issued it (NAME.chain.pem written with the device certificate).");
        }

        var given = intermediates.Count == 0 ? "no --intermediates were given" : $"--intermediates holds {string.Join(", ", intermediates.Select(c => $"'{c.Subject}'"))}";
        return ChainVerdict.Untrusted(Describe(path), link,
            $"'{current.Subject}' was issued by '{current.Issuer}', which is neither the anchor ('{anchor.Subject}') nor an intermediate ({given})",
            $"add the certificate of '{current.Issuer}' with --intermediates (`pki issue` writes it to NAME.chain.pem), or make that CA the trust anchor.");
    }

    /// <summary>Per-certificate rules along a path whose signatures already verified; null when all pass.</summary>
    private static ChainVerdict? CheckLinks(List<X509Certificate2> path, DateTimeOffset now)
    {
        var described = Describe(path);
        var device = path[0];
        var usage = CertificateFacts.KeyUsage(device);
        if (usage is null || !usage.KeyUsages.HasFlag(X509KeyUsageFlags.DigitalSignature))
        {
            return ChainVerdict.Untrusted(described, LinkName(0, device), $"'{device.Subject}' lacks the digitalSignature key usage Roles Anywhere requires of device certificates",
                "issue the device certificate with key usage digitalSignature (as `edgeiam pki issue` does).");
        }

        if (device.Version != 3)
        {
            return ChainVerdict.Untrusted(described, LinkName(0, device), $"'{device.Subject}' is not an X.509 v3 certificate", "issue a v3 device certificate.");
        }

        if (!Algorithms.IsAcceptedKey(device))
        {
            return ChainVerdict.Untrusted(described, LinkName(0, device), $"'{device.Subject}' has an unsupported {Algorithms.DescribeKey(device)} key",
                "issue the device certificate with an RSA (2048+ bits) or EC P-256/P-384 key.");
        }

        for (var i = 0; i < path.Count; i++)
        {
            var certificate = path[i];
            var role = i == 0 ? "device certificate" : i == path.Count - 1 ? "anchor" : "intermediate";
            var renew = i == 0 ? "issue a new device certificate (`edgeiam pki issue`)." : $"renew the {role} CA certificate.";
            if (now > CertificateFacts.NotAfter(certificate))
            {
                return ChainVerdict.Untrusted(described, LinkName(i, certificate), $"the {role} '{certificate.Subject}' expired on {CertificateFacts.Format(CertificateFacts.NotAfter(certificate))}", renew);
            }

            if (now < CertificateFacts.NotBefore(certificate))
            {
                return ChainVerdict.Untrusted(described, LinkName(i, certificate), $"the {role} '{certificate.Subject}' is not valid before {CertificateFacts.Format(CertificateFacts.NotBefore(certificate))}",
                    "wait until then, or check the clock of the machine that issued it.");
            }

            if (i < path.Count - 1 && !CertificateFacts.SignatureAlgorithm(certificate).Accepted)
            {
                return ChainVerdict.Untrusted(described, LinkName(i, certificate),
                    $"'{certificate.Subject}' is signed with {CertificateFacts.SignatureAlgorithm(certificate).Name}; Roles Anywhere needs SHA-256 or stronger", "re-issue it with a SHA-256 (or stronger) signature.");
            }

            if (i == 0)
            {
                continue;
            }

            var basic = CertificateFacts.BasicConstraints(certificate);
            var caUsage = CertificateFacts.KeyUsage(certificate);
            if (basic is not { CertificateAuthority: true } || caUsage is null || !caUsage.KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign))
            {
                return ChainVerdict.Untrusted(described, LinkName(i, certificate),
                    $"the {role} '{certificate.Subject}' signed '{path[i - 1].Subject}' but is not a CA allowed to sign certificates (needs basic constraints CA:TRUE and keyCertSign)",
                    "issue certificates only from a CA certificate.");
            }

            var casBelow = i - 1;
            if (basic.HasPathLengthConstraint && casBelow > basic.PathLengthConstraint)
            {
                return ChainVerdict.Untrusted(described, LinkName(i, certificate),
                    string.Create(CultureInfo.InvariantCulture, $"the {role} '{certificate.Subject}' allows {basic.PathLengthConstraint} CA(s) below it (path length constraint), the chain has {casBelow}"),
                    "anchor a CA closer to the device, or issue from a CA whose path length allows this chain.");
            }
        }

        return null;
    }

    /// <summary>
    /// Confirms the path with <see cref="X509Chain"/>. When the anchor is an intermediate, .NET reports
    /// <see cref="X509ChainStatusFlags.PartialChain"/> (it cannot reach a self-signed root); Roles Anywhere accepts an
    /// intermediate anchor, so that one status is expected as long as the chain ends at the anchor.
    /// </summary>
    private static ChainVerdict ConfirmWithChainBuilder(X509Certificate2 anchor, X509Certificate2 device, List<X509Certificate2> path, DateTimeOffset now)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(anchor);
        chain.ChainPolicy.ExtraStore.AddRange(path.Skip(1).SkipLast(1).ToArray());
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        var built = chain.Build(device);

        var allowed = CertificateFacts.IsSelfIssued(anchor) ? X509ChainStatusFlags.NoError : X509ChainStatusFlags.PartialChain;
        var endsAtAnchor = chain.ChainElements.Count > 0 && chain.ChainElements[^1].Certificate.RawData.AsSpan().SequenceEqual(anchor.RawData);
        var unexpected = chain.ChainStatus.Where(s => s.Status != X509ChainStatusFlags.NoError && (s.Status & ~allowed) != 0).ToList();
        if ((built || allowed != X509ChainStatusFlags.NoError) && endsAtAnchor && unexpected.Count == 0)
        {
            return new ChainVerdict(true, Describe(path), null, null, null) { Certificates = [.. path] };
        }

        var statuses = unexpected.Count > 0 ? string.Join("; ", unexpected.Select(s => $"{s.Status}: {s.StatusInformation.Trim()}")) : "the chain does not end at the anchor";
        return ChainVerdict.Untrusted(Describe(path), "chain", $".NET's chain builder rejects the chain: {statuses}",
            "check the certificates' extensions and validity dates (openssl x509 -text -noout -in FILE).");
    }

    private static string LinkName(int index, X509Certificate2 certificate) =>
        string.Create(CultureInfo.InvariantCulture, $"link {index + 1} ('{certificate.Subject}' <- issued by '{certificate.Issuer}')");

    private static string Describe(X509Certificate2 certificate) => $"'{certificate.Subject}'";

    private static List<string> Describe(List<X509Certificate2> path) =>
        [.. path.Select((c, i) => (i == 0 ? "device " : i == path.Count - 1 && path.Count > 1 ? "anchor " : "intermediate ") + Describe(c))];
}
