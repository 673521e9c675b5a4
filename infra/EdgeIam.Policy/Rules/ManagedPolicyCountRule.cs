using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules;

/// <summary>EIAM-SIZE-003: more managed policies than the per-role quota fails at deploy time.</summary>
internal sealed class ManagedPolicyCountRule : PolicyRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-SIZE-003",
        "More than 10 managed policies attached to a role",
        Severity.Error,
        "Combine managed policies, or move permissions into one customer managed policy.",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html");

    public override IEnumerable<Finding> Check(StackTemplate stack)
    {
        // A permission set has Identity Center's quotas, not IAM's (the loader checks them for EdgeIam's own).
        foreach (var role in stack.Roles.Where(r => r.ResourceType != TemplateReader.PermissionSetType))
        {
            var count = role.ManagedPolicyArns.Count + role.PermissionPolicies.Count(p => p.Kind == PermissionPolicyKind.CustomerManaged);
            if (count > IamQuotas.ManagedPoliciesPerRole)
            {
                yield return For(stack, role, role.JsonPath, $"{role.DisplayName} has {count} managed policies (quota {IamQuotas.ManagedPoliciesPerRole}).");
            }
        }
    }
}
