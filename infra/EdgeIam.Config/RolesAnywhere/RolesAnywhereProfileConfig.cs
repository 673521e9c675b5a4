using EdgeIam.Config.Iam;

namespace EdgeIam.Config.RolesAnywhere;

/// <summary>
/// One Roles Anywhere profile: the roles a device may ask for, through which trust anchors, for how long, and what
/// the session may do at most (<see cref="ManagedPolicyArns"/> and <see cref="SessionPolicy"/> intersect the role's
/// permissions).
/// </summary>
/// <param name="SessionDurationSeconds">Session length, 900..43200 s (default 3600).</param>
/// <param name="AttributeMappings">Custom certificate-to-tag mappings; empty keeps the Roles Anywhere defaults.</param>
public sealed record RolesAnywhereProfileConfig(
    string Name,
    string KeyPath,
    IReadOnlyList<string> TrustAnchorNames,
    IReadOnlyList<string> RoleNames,
    int SessionDurationSeconds,
    IReadOnlyList<string> ManagedPolicyArns,
    IReadOnlyList<PermissionStatement> SessionPolicy,
    bool RequireInstanceProperties,
    bool AcceptRoleSessionName,
    IReadOnlyList<AttributeMapping> AttributeMappings);

/// <summary>Which parts of a certificate field become session tags (<c>x509Subject</c>: <c>CN</c>, <c>OU</c>, …).</summary>
public sealed record AttributeMapping(string CertificateField, IReadOnlyList<string> Specifiers)
{
    /// <summary>True when the field's <c>CN</c> becomes a tag (<c>aws:PrincipalTag/&lt;field&gt;/CN</c>).</summary>
    public bool MapsCommonName => Specifiers.Contains("CN", StringComparer.Ordinal) || Specifiers.Contains("*", StringComparer.Ordinal);
}
