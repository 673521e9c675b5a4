using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules;

/// <summary>EIAM-SIZE-002: all inline policies of a role share one size quota.</summary>
internal sealed class InlinePolicySizeRule : PolicyRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-SIZE-002",
        "Inline policies of a role longer than 10240 characters together",
        Severity.Error,
        "Move statements into a customer managed policy (AWS::IAM::ManagedPolicy) or consolidate them.",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html");

    public override IEnumerable<Finding> Check(StackTemplate stack)
    {
        // A permission set has Identity Center's quotas, not IAM's (the loader checks them for EdgeIam's own).
        foreach (var role in stack.Roles.Where(r => r.ResourceType != TemplateReader.PermissionSetType))
        {
            var size = role.PermissionPolicies.Where(p => p.Kind != PermissionPolicyKind.CustomerManaged).Sum(p => p.SizeInCharacters);
            if (size > IamQuotas.InlinePolicyCharacters)
            {
                yield return For(stack, role, role.JsonPath, $"The inline policies of {role.DisplayName} have {size} characters together (quota {IamQuotas.InlinePolicyCharacters}).");
            }
        }
    }
}
