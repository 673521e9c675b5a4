namespace EdgeIam.Config.Iam;

/// <summary>One condition of a permission statement: <c>Operator: { Key: [values] }</c>.</summary>
public sealed record PolicyCondition(string Operator, string Key, IReadOnlyList<string> Values);

/// <summary>
/// An explicit permission of a role (an IAM policy statement). <see cref="Justification"/> is the written reason a
/// statement may use <c>*</c> with write actions (the evidence cdk-nag's AwsSolutions-IAM5 asks for).
/// </summary>
public sealed record PermissionStatement(
    string Sid,
    bool Allow,
    IReadOnlyList<string> Actions,
    IReadOnlyList<string> Resources,
    IReadOnlyList<PolicyCondition> Conditions,
    string? Justification);

/// <summary>What a role may do and for how long: shared by every section that creates roles.</summary>
public sealed record RoleAccess(
    IReadOnlyList<PermissionStatement> Permissions,
    IReadOnlyList<string> ManagedPolicyArns,
    int MaxSessionDurationSeconds)
{
    /// <summary>IAM's default role session limit (1 hour).</summary>
    public const int DefaultMaxSessionDurationSeconds = 3600;

    public static RoleAccess None { get; } = new([], [], DefaultMaxSessionDurationSeconds);
}
