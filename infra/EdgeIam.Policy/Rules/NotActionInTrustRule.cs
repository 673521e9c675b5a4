using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules;

/// <summary>EIAM-TRUST-003: NotAction in a trust policy allows every STS action it does not list, present and future.</summary>
internal sealed class NotActionInTrustRule : PolicyRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-TRUST-003",
        "NotAction in a trust policy",
        Severity.Error,
        "List the STS actions the principal needs in Action (e.g. sts:AssumeRole) instead of NotAction.",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html");

    public override IEnumerable<Finding> Check(StackTemplate stack)
    {
        foreach (var role in stack.Roles)
        {
            foreach (var statement in role.TrustPolicy.Statements.Where(s => s.NotAction is not null))
            {
                yield return For(stack, role, statement.NotAction!.JsonPath, $"{statement.Label} uses NotAction: every other action is trusted.");
            }
        }
    }
}
