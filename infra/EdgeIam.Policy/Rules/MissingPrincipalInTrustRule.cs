using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules;

/// <summary>
/// EIAM-TRUST-004: IAM requires <c>Principal</c> (or <c>NotPrincipal</c>) in every statement of a role trust policy
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html). Such a statement
/// is refused at deploy; the evaluator lets it match no caller, never every caller.
/// </summary>
internal sealed class MissingPrincipalInTrustRule : PolicyRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-TRUST-004",
        "Trust statement without Principal",
        Severity.Error,
        "Add a Principal naming who may assume the role, e.g. \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}.",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html");

    public override IEnumerable<Finding> Check(StackTemplate stack)
    {
        foreach (var role in stack.Roles)
        {
            foreach (var statement in role.TrustPolicy.Statements.Where(s => s.Principal is null && s.NotPrincipal is null))
            {
                yield return For(stack, role, statement.JsonPath,
                    $"{statement.Label} of the trust policy of {role.DisplayName} has no Principal: IAM refuses it, and it matches no caller.");
            }
        }
    }
}
