using EdgeIam.Config.Iam;

namespace EdgeIam.Config.Federation;

/// <summary>A role that tokens of one OIDC provider may assume (<c>sts:AssumeRoleWithWebIdentity</c>). Immutable.</summary>
/// <param name="Name">IAM role name.</param>
/// <param name="KeyPath">Where the role is declared, e.g. <c>oidc.roles[0]</c>.</param>
/// <param name="Provider">The provider whose tokens are trusted.</param>
/// <param name="Audience">The <c>aud</c> value every trust statement pins (one of the provider's audiences).</param>
/// <param name="Subjects">Allowed <c>sub</c> values, exact or with <c>*</c>/<c>?</c> wildcards, in file order.</param>
/// <param name="ClaimConditions">Extra claim conditions with full condition keys (<c>host/path:claim</c>), added to every trust statement.</param>
/// <param name="AllowOrgWideSubjects">The owner accepted a repository/project wildcard inside one owner/group.</param>
/// <param name="Access">Permissions, managed policies and maximum session duration.</param>
public sealed record OidcRoleConfig(
    string Name,
    string KeyPath,
    OidcProviderConfig Provider,
    string Audience,
    IReadOnlyList<string> Subjects,
    IReadOnlyList<PolicyCondition> ClaimConditions,
    bool AllowOrgWideSubjects,
    RoleAccess Access)
{
    /// <summary>Subjects matched literally (<c>StringEquals</c>).</summary>
    public IReadOnlyList<string> ExactSubjects => [.. Subjects.Where(s => !SubjectPatterns.IsPattern(s))];

    /// <summary>Subjects with wildcards (<c>StringLike</c>), kept in their own statement so they are ORed with the exact ones.</summary>
    public IReadOnlyList<string> PatternSubjects => [.. Subjects.Where(SubjectPatterns.IsPattern)];
}
