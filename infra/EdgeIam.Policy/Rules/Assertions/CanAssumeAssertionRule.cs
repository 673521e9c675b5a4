namespace EdgeIam.Policy.Rules.Assertions;

/// <summary>EIAM-ASSERT-001: a request the owners expect to work (<c>canAssume</c>) is not proved allowed.</summary>
internal sealed class CanAssumeAssertionRule : AssumeAssertionRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-ASSERT-001",
        "An assume-role request the assertions file expects to be allowed is not proved allowed",
        Severity.Error,
        "Widen the role's trust to the expected caller, or correct the canAssume assertion (role, principal, context).",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html");

    protected override bool MustAllow => true;
}
