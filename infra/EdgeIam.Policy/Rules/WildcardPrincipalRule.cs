using EdgeIam.Policy.Model;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules;

/// <summary>EIAM-TRUST-001: <c>"Principal": "*"</c> (or <c>{"AWS": "*"}</c>) in a trust Allow lets any AWS principal try.</summary>
internal sealed class WildcardPrincipalRule : PolicyRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-TRUST-001",
        "Trust policy allows Principal *",
        Severity.Error,
        "Name the principals (account, role ARN, service or identity provider) instead of \"*\".",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous");

    public override IEnumerable<Finding> Check(StackTemplate stack)
    {
        foreach (var role in stack.Roles)
        {
            foreach (var statement in role.TrustPolicy.Statements.Where(s => s.Effect == Effect.Allow && s.Principal is { AllowsAnyone: true }))
            {
                yield return For(stack, role, statement.Principal!.JsonPath, $"{statement.Label} lets any principal assume {role.DisplayName}.");
            }
        }
    }
}
