using EdgeIam.Config.Iam;

namespace EdgeIam.Config.Identity;

/// <summary>
/// A role an AWS service assumes for you (<c>serviceRoles[]</c>), its trust locked with <c>aws:SourceAccount</c> and
/// <c>aws:SourceArn</c> against the cross-service confused deputy
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html). Immutable; validated at load.
/// </summary>
/// <param name="Name">IAM role name.</param>
/// <param name="KeyPath">Where the role is declared, e.g. <c>serviceRoles[0]</c>.</param>
/// <param name="Service">The service principal, e.g. <c>codebuild.amazonaws.com</c>.</param>
/// <param name="SourceArns">ARN patterns of the resources the service may act for (<c>ArnLike aws:SourceArn</c>); empty: account only.</param>
/// <param name="WithoutSourceKeys">Why the trust carries neither key (the service does not send them); null when locked.</param>
/// <param name="Access">Permissions, managed policies and maximum session duration.</param>
public sealed record ServiceRoleConfig(
    string Name,
    string KeyPath,
    string Service,
    IReadOnlyList<string> SourceArns,
    string? WithoutSourceKeys,
    RoleAccess Access);
