using EdgeIam.Config.Iam;

namespace EdgeIam.Config.Federation;

/// <summary>
/// A role principals of other AWS accounts may assume with <c>sts:AssumeRole</c>, always behind an external ID (the
/// confused-deputy guard). Immutable; validated at load.
/// </summary>
/// <param name="Name">IAM role name.</param>
/// <param name="KeyPath">Where the role is declared, e.g. <c>crossAccount[0]</c>.</param>
/// <param name="TrustedAccounts">Whole accounts trusted (their administrators decide who may call).</param>
/// <param name="TrustedPrincipals">Specific role ARNs trusted (preferred: least privilege on the caller side).</param>
/// <param name="ExternalId">The value every caller must pass as <c>sts:ExternalId</c>.</param>
/// <param name="RequireMfa">Callers must have authenticated with MFA (<c>aws:MultiFactorAuthPresent</c>).</param>
/// <param name="RequireOrgId">Callers must belong to this AWS Organization (<c>aws:PrincipalOrgID</c>); null: any.</param>
/// <param name="AllowSessionTags">Callers may pass session tags (<c>sts:TagSession</c>).</param>
/// <param name="AllowSourceIdentity">Callers may set a source identity (<c>sts:SetSourceIdentity</c>).</param>
/// <param name="Access">Permissions, managed policies and maximum session duration.</param>
public sealed record CrossAccountRoleConfig(
    string Name,
    string KeyPath,
    IReadOnlyList<string> TrustedAccounts,
    IReadOnlyList<string> TrustedPrincipals,
    string ExternalId,
    bool RequireMfa,
    string? RequireOrgId,
    bool AllowSessionTags,
    bool AllowSourceIdentity,
    RoleAccess Access);
