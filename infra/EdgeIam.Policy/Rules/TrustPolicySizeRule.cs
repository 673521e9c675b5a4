using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules;

/// <summary>EIAM-SIZE-001: a trust policy over the quota fails at deploy time.</summary>
internal sealed class TrustPolicySizeRule : PolicyRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-SIZE-001",
        "Trust policy longer than 2048 characters",
        Severity.Error,
        "Merge statements that share principal and conditions, or move subjects into fewer StringLike patterns.",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html");

    public override IEnumerable<Finding> Check(StackTemplate stack) =>
        stack.Roles.Where(r => r.TrustPolicySize > IamQuotas.TrustPolicyCharacters).Select(r => For(stack, r, r.TrustPolicy.JsonPath,
            $"The trust policy of {r.DisplayName} has {r.TrustPolicySize} characters (quota {IamQuotas.TrustPolicyCharacters})."));
}
