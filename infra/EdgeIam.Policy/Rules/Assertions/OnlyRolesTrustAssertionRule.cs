using EdgeIam.Policy.Assertions;
using EdgeIam.Policy.Evaluation;
using EdgeIam.Policy.Model;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules.Assertions;

/// <summary>
/// EIAM-ASSERT-004 (<c>onlyRolesTrust</c>): a role outside the list has an Allow trust statement whose principal
/// takes the caller (named, its account, <c>"*"</c>, or not excluded by <c>NotPrincipal</c>) for an assume-role action.
/// Conditions are not read: a statement that names the caller is trust, however narrow.
/// </summary>
internal sealed class OnlyRolesTrustAssertionRule : AssertionRule<OnlyRolesTrustAssertion>
{
    private static readonly string[] AssumeActions = ["sts:AssumeRole", TrustStatements.WebIdentityAction, "sts:AssumeRoleWithSAML"];

    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-ASSERT-004",
        "A role the assertions file does not list trusts the identity it reserves for listed roles",
        Severity.Error,
        "Remove the principal from that role's trust policy, or add the role to the onlyRolesTrust assertion's roles.",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html");

    protected override IEnumerable<Finding> Failures(StackTemplate stack, OnlyRolesTrustAssertion assertion)
    {
        var (caller, problem) = Parse(assertion.Principal);
        if (caller is null)
        {
            yield return Failed(stack, assertion, null, assertion.JsonPath, $"principal '{assertion.Principal}': {problem}");
            yield break;
        }

        foreach (var role in stack.Roles.Where(r => !assertion.Roles.Contains(r.ConfigName ?? r.LogicalId, StringComparer.Ordinal) && !assertion.Roles.Contains(r.LogicalId, StringComparer.Ordinal)))
        {
            foreach (var statement in Readings(role).SelectMany(r => r.TrustPolicy.Statements).Where(s => Trusts(s, caller)))
            {
                yield return Failed(stack, assertion, role, statement.JsonPath,
                    $"{role.DisplayName} {statement.Label} trusts {caller}, which only {(assertion.Roles.Count == 0 ? "no role" : string.Join(", ", assertion.Roles))} may trust.");
            }
        }
    }

    private static (RequestPrincipal? Caller, string? Problem) Parse(string spec)
    {
        try
        {
            return (RequestPrincipal.Parse(spec), null);
        }
        catch (FormatException ex)
        {
            return (null, ex.Message);
        }
    }

    private static bool Trusts(Statement statement, RequestPrincipal caller)
    {
        if (statement.Effect != Effect.Allow || !AssumeActions.Any(a => TrustStatements.Allows(statement, a)))
        {
            return false;
        }

        if (statement.NotPrincipal is not null)
        {
            return true;
        }

        return statement.Principal is not null
            && new PrincipalMatcher(statement.Principal).Match(caller) is PrincipalMatch.Exact or PrincipalMatch.Account or PrincipalMatch.Anyone;
    }
}
