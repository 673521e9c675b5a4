using EdgeIam.Policy.Assertions;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules.Assertions;

/// <summary>
/// EIAM-ASSERT-002: a request the owners expect to be refused (<c>cannotAssume</c>) is not proved refused: allowed,
/// or the answer depends on something the template does not fix (fail closed: "cannot prove" is a failure).
/// </summary>
internal sealed class CannotAssumeAssertionRule : AssertionRule<AssumeAssertion>
{
    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-ASSERT-002",
        "An assume-role request the assertions file expects to be refused is not proved refused",
        Severity.Error,
        "Narrow the role's trust (the deciding statement) so the caller is refused, or correct the cannotAssume assertion.",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html");

    protected override bool Applies(AssumeAssertion assertion) => !assertion.MustAllow;

    protected override IEnumerable<Finding> Failures(StackTemplate stack, AssumeAssertion assertion)
    {
        var outcome = AssumeAssertionCheck.Evaluate(stack, assertion);
        if (outcome.Problem is not null || outcome.Deciding is null)
        {
            yield return Failed(stack, assertion, outcome.Role, outcome.Role?.JsonPath ?? assertion.JsonPath, outcome.Problem ?? "nothing to evaluate");
        }
        else if (!outcome.ProvedDenied)
        {
            var report = outcome.Deciding;
            yield return Failed(stack, assertion, outcome.Role, report.Statements.FirstOrDefault(s => s.Deciding)?.JsonPath ?? outcome.Role!.JsonPath,
                $"{outcome.Role!.DisplayName} must refuse this caller, but {AssumeAssertionCheck.Explain(report)}.");
        }
    }
}
