namespace EdgeIam.Policy.Rules.Assertions;

/// <summary>
/// EIAM-ASSERT-008: a request the owners expect to be impossible (<c>cannotDo</c>) is allowed, would be allowed with
/// a condition key the assertion does not give, or cannot be proved denied (fail closed) for some role it applies to.
/// </summary>
internal sealed class CannotDoAssertionRule : PermissionAssertionRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-ASSERT-008",
        "A request the assertions file expects to be impossible is not proved denied for a role session",
        Severity.Error,
        "Remove or narrow the allowing statement (or add an unconditional Deny on every resource), or correct the cannotDo assertion (role, assumableBy or permissionSet, session, action, resource, context).",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html");

    protected override bool MustAllow => false;
}
