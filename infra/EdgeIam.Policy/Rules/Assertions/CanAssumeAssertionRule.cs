using EdgeIam.Policy.Assertions;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules.Assertions;

/// <summary>EIAM-ASSERT-001: a request the owners expect to work (<c>canAssume</c>) is not proved allowed.</summary>
internal sealed class CanAssumeAssertionRule : AssertionRule<AssumeAssertion>
{
    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-ASSERT-001",
        "An assume-role request the assertions file expects to be allowed is not proved allowed",
        Severity.Error,
        "Widen the role's trust to the expected caller, or correct the canAssume assertion (role, principal, context).",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html");

    protected override bool Applies(AssumeAssertion assertion) => assertion.MustAllow;

    protected override IEnumerable<Finding> Failures(StackTemplate stack, AssumeAssertion assertion)
    {
        var outcome = AssumeAssertionCheck.Evaluate(stack, assertion);
        if (outcome.Problem is not null || outcome.Deciding is null)
        {
            yield return Failed(stack, assertion, outcome.Role, outcome.Role?.JsonPath ?? assertion.JsonPath, outcome.Problem ?? "nothing to evaluate");
        }
        else if (!outcome.ProvedAllowed)
        {
            var report = outcome.Deciding;
            yield return Failed(stack, assertion, outcome.Role, report.Statements.FirstOrDefault()?.JsonPath ?? outcome.Role!.JsonPath,
                $"{outcome.Role!.DisplayName} must be assumable, but {AssumeAssertionCheck.Explain(report)}.");
        }
    }
}
