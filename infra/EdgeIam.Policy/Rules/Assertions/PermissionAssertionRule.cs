using EdgeIam.Policy.Assertions;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules.Assertions;

/// <summary>
/// <c>canDo</c> and <c>cannotDo</c>: requests of a role session, decided by the permission engine as <c>can-do</c>
/// decides them (<see cref="PermissionAssertionCheck"/>). Each holds only when proved; one finding per role that
/// breaks it, located at the assertion and pointing at the deciding statement (or the role, or the profile whose
/// session policy decides).
/// </summary>
internal abstract class PermissionAssertionRule : AssertionRule<PermissionAssertion>
{
    /// <summary>True for canDo (the request must be proved allowed), false for cannotDo (proved impossible).</summary>
    protected abstract bool MustAllow { get; }

    protected override bool Applies(PermissionAssertion assertion) => assertion.MustAllow == MustAllow;

    protected override IEnumerable<Finding> Failures(StackTemplate stack, PermissionAssertion assertion)
    {
        var outcome = PermissionAssertionCheck.Evaluate(stack, assertion);
        if (outcome.Problem is not null)
        {
            yield return Failed(stack, assertion, null, assertion.JsonPath, outcome.Problem + ".");
            yield break;
        }

        foreach (var failure in outcome.Failures)
        {
            yield return Failed(stack, assertion, failure.Role, failure.JsonPath, failure.Message);
        }
    }
}
