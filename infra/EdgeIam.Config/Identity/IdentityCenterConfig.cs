using EdgeIam.Config.Iam;

namespace EdgeIam.Config.Identity;

/// <summary>
/// The <c>identityCenter</c> section: permission sets of one IAM Identity Center instance and their account
/// assignments. Identity Center turns each assigned permission set into a role in every assigned account
/// (https://docs.aws.amazon.com/singlesignon/latest/userguide/permissionsetsconcept.html). Immutable.
/// </summary>
public sealed record IdentityCenterConfig(string InstanceArn, IReadOnlyList<PermissionSetConfig> PermissionSets, IReadOnlyList<AssignmentConfig> Assignments);

/// <summary>One permission set (<c>AWS::SSO::PermissionSet</c>,
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sso-permissionset.html).</summary>
/// <param name="SessionDuration">ISO-8601, e.g. <c>PT1H</c>.</param>
/// <param name="ManagedPolicyArns">AWS managed policies.</param>
/// <param name="CustomerManagedPolicies">Customer managed policies by (path, name), which must exist in every assigned account.</param>
/// <param name="PermissionsBoundary">An AWS managed policy ARN, or a customer managed (path, name); null: none.</param>
/// <param name="Justification">Why an administrator-level managed policy is attached; null when none is.</param>
public sealed record PermissionSetConfig(
    string Name,
    string KeyPath,
    string? Description,
    string SessionDuration,
    IReadOnlyList<string> ManagedPolicyArns,
    IReadOnlyList<(string Path, string Name)> CustomerManagedPolicies,
    IReadOnlyList<PermissionStatement> Permissions,
    string? PermissionsBoundary,
    string? RelayState,
    string? Justification);

/// <summary>Who gets a permission set in which accounts; one <c>AWS::SSO::Assignment</c> per (principal, account)
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sso-assignment.html).</summary>
public sealed record AssignmentConfig(
    string KeyPath,
    string PermissionSet,
    IReadOnlyList<string> Groups,
    IReadOnlyList<string> Users,
    IReadOnlyList<string> Accounts);
