using EdgeIam.Policy.Assertions;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules.Assertions;

/// <summary>
/// <c>canAssume</c> and <c>cannotAssume</c>: one request, evaluated as <c>can-assume</c> does. Each holds only when
/// proved: "cannot be proved" (an answer that depends on deploy-time values) fails both.
/// </summary>
internal abstract class AssumeAssertionRule : AssertionRule<AssumeAssertion>
{
    /// <summary>True for canAssume (the request must be proved allowed), false for cannotAssume (proved refused).</summary>
    protected abstract bool MustAllow { get; }

    protected override bool Applies(AssumeAssertion assertion) => assertion.MustAllow == MustAllow;

    protected override IEnumerable<Finding> Failures(StackTemplate stack, AssumeAssertion assertion)
    {
        var outcome = AssumeAssertionCheck.Evaluate(stack, assertion);
        if (outcome.Problem is not null || outcome.Deciding is null)
        {
            yield return Failed(stack, assertion, outcome.Role, outcome.Role?.JsonPath ?? assertion.JsonPath, outcome.Problem ?? "nothing to evaluate");
        }
        else if (MustAllow ? !outcome.ProvedAllowed : !outcome.ProvedDenied)
        {
            var report = outcome.Deciding;
            var statement = (MustAllow ? report.Statements.FirstOrDefault() : report.Statements.FirstOrDefault(s => s.Deciding))?.JsonPath ?? outcome.Role!.JsonPath;
            yield return Failed(stack, assertion, outcome.Role, statement,
                $"{outcome.Role!.DisplayName} {(MustAllow ? "must be assumable" : "must refuse this caller")}, but {AssumeAssertionCheck.Explain(report)}.");
        }
    }
}
