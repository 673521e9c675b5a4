using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules;

/// <summary>EIAM-TRUST-002: NotPrincipal in a trust policy trusts everyone it does not list.</summary>
internal sealed class NotPrincipalInTrustRule : PolicyRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-TRUST-002",
        "NotPrincipal in a trust policy",
        Severity.Error,
        "Replace NotPrincipal with a Principal that lists who may assume the role.",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html");

    public override IEnumerable<Finding> Check(StackTemplate stack)
    {
        foreach (var role in stack.Roles)
        {
            foreach (var statement in role.TrustPolicy.Statements.Where(s => s.NotPrincipal is not null))
            {
                yield return For(stack, role, statement.NotPrincipal!.JsonPath, $"{statement.Label} uses NotPrincipal: it applies to every principal it does not name.");
            }
        }
    }
}
