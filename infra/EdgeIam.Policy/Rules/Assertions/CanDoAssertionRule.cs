namespace EdgeIam.Policy.Rules.Assertions;

/// <summary>
/// EIAM-ASSERT-007: a request of a role session the owners expect to work (<c>canDo</c>) is not proved allowed by
/// the role's identity policies, its permissions boundary and the session's policies.
/// </summary>
internal sealed class CanDoAssertionRule : PermissionAssertionRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-ASSERT-007",
        "A request the assertions file expects a role session to be allowed is not proved allowed",
        Severity.Error,
        "Grant the action on the resource in the role's permissions (and in its boundary and session policy), or correct the canDo assertion (role, assumableBy or permissionSet, session, action, resource, context).",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html");

    protected override bool MustAllow => true;
}
