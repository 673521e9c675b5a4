namespace EdgeIam.Policy.Rules.Assertions;

/// <summary>
/// EIAM-ASSERT-002: a request the owners expect to be refused (<c>cannotAssume</c>) is not proved refused: allowed,
/// or the answer depends on something the template does not fix (fail closed: "cannot prove" is a failure).
/// </summary>
internal sealed class CannotAssumeAssertionRule : AssumeAssertionRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-ASSERT-002",
        "An assume-role request the assertions file expects to be refused is not proved refused",
        Severity.Error,
        "Narrow the role's trust (the deciding statement) so the caller is refused, or correct the cannotAssume assertion.",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html");

    protected override bool MustAllow => false;
}
