using System.Security.Cryptography.X509Certificates;

namespace EdgeIam.Pki;

/// <summary>One line of the revocation database: a canonical serial (<see cref="SerialNumbers"/>), the CN, when, why.</summary>
/// <param name="Reason">Null when unspecified: the CRL entry then has no reasonCode (RFC 5280 §5.3.1).</param>
public sealed record Revocation(string Serial, string CommonName, DateTimeOffset RevokedAt, X509RevocationReason? Reason)
{
    /// <summary>The CN recorded when only a serial was given and no issued certificate of that serial was found.</summary>
    public const string UnknownCommonName = "(unknown)";

    public string ReasonName => RevocationReasons.Name(Reason);
}
