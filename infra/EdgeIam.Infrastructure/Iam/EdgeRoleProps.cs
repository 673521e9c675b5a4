using EdgeIam.Config.Iam;

namespace EdgeIam.Infrastructure.Iam;

/// <summary>Properties of an <see cref="EdgeRole"/>. Immutable.</summary>
/// <param name="KeyPath">Where the role is declared in the stack file (e.g. <c>oidc.roles[0]</c>), for error messages.</param>
/// <param name="ConfigName">The role's name in the stack file; becomes the IAM role name and the <c>edgeiam:role</c> tag.</param>
/// <param name="Description">What the role is for, shown in the IAM console.</param>
/// <param name="Trust">
/// Trust statements, built from policy objects by the section that owns the role. Each statement is kept as is (never
/// merged), so exact and wildcard subject statements stay ORed.
/// </param>
/// <param name="Access">Permissions, managed policies and the maximum session duration.</param>
/// <param name="TrustJustifications">
/// Reasons the owner gave for a deliberately broad trust statement, by statement Sid; recorded with the permission
/// justifications so the policy engine reports the statement as accepted rather than as an error. Default: none.
/// </param>
internal sealed record EdgeRoleProps(
    string KeyPath,
    string ConfigName,
    string Description,
    IReadOnlyList<IamStatement> Trust,
    RoleAccess Access,
    IReadOnlyDictionary<string, string>? TrustJustifications = null);
