using System.Security.Cryptography.X509Certificates;

namespace EdgeIam.Pki;

/// <summary>
/// The CRLReason names of RFC 5280 §5.3.1 that <c>pki revoke --reason</c> accepts, spelled as in the RFC. "unspecified"
/// is only the database's word for "no reason given": a CRL entry then carries no reasonCode extension at all, as
/// §5.3.1 asks. removeFromCRL (delta CRLs only) and aACompromise (attribute certificates) do not apply here.
/// </summary>
public static class RevocationReasons
{
    public const string Unspecified = "unspecified";

    private static readonly (string Name, X509RevocationReason Reason)[] Named =
    [
        ("keyCompromise", X509RevocationReason.KeyCompromise),
        ("cACompromise", X509RevocationReason.CACompromise),
        ("affiliationChanged", X509RevocationReason.AffiliationChanged),
        ("superseded", X509RevocationReason.Superseded),
        ("cessationOfOperation", X509RevocationReason.CessationOfOperation),
        ("certificateHold", X509RevocationReason.CertificateHold),
        ("privilegeWithdrawn", X509RevocationReason.PrivilegeWithdrawn),
    ];

    /// <summary>The names <c>--reason</c> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Named.Select(n => n.Name)];

    /// <summary>Parses a reason name (exact spelling); <see cref="Unspecified"/> gives null.</summary>
    public static bool TryParse(string name, out X509RevocationReason? reason)
    {
        reason = null;
        if (name == Unspecified)
        {
            return true;
        }

        foreach (var (candidate, value) in Named)
        {
            if (string.Equals(candidate, name, StringComparison.Ordinal))
            {
                reason = value;
                return true;
            }
        }

        return false;
    }

    /// <summary>The RFC name of a reason; null (no reason) is <see cref="Unspecified"/>, codes outside the list are "reason N".</summary>
    public static string Name(X509RevocationReason? reason)
    {
        if (reason is null or X509RevocationReason.Unspecified)
        {
            return Unspecified;
        }

        foreach (var (candidate, value) in Named)
        {
            if (value == reason)
            {
                return candidate;
            }
        }

        return "reason " + ((int)reason.Value).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
