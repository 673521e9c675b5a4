namespace EdgeIam.Config.RolesAnywhere;

/// <summary>One trust anchor: where its CA comes from, an optional CRL, and when to warn before certificates expire.</summary>
/// <param name="KeyPath">Where it is declared, e.g. <c>rolesAnywhere.trustAnchors[0]</c>.</param>
/// <param name="ExpiryNotificationDays">Days before CA and device certificate expiry that Roles Anywhere notifies (1..360).</param>
public sealed record TrustAnchorConfig(
    string Name,
    string KeyPath,
    TrustAnchorSource Source,
    CrlConfig? Crl,
    int ExpiryNotificationDays);

/// <summary>Where a trust anchor's CA comes from.</summary>
public abstract record TrustAnchorSource;

/// <summary>A CA certificate from a PEM file (CloudFormation source type <c>CERTIFICATE_BUNDLE</c>).</summary>
/// <param name="File">The path as written in the stack file.</param>
/// <param name="Subject">The CA's subject, for messages and descriptions.</param>
/// <param name="CertificatePem">The certificate alone, PEM, checked at load (never any other text of the file).</param>
public sealed record CertificateSource(string File, string Subject, string CertificatePem) : TrustAnchorSource;

/// <summary>An AWS Private CA in the stack's region (source type <c>AWS_ACM_PCA</c>).</summary>
public sealed record AcmPcaSource(string Arn) : TrustAnchorSource;

/// <summary>A certificate revocation list of the anchor's CA, PEM, checked against that CA at load.</summary>
public sealed record CrlConfig(string File, string CrlPem);
