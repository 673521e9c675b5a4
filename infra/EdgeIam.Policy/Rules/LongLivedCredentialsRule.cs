using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules;

/// <summary>
/// EIAM-CRED-001: IAM users and access keys are long-lived credentials; EdgeIam exists so edge workloads use roles
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles).
/// </summary>
internal sealed class LongLivedCredentialsRule : PolicyRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-CRED-001",
        "IAM user or access key in the template",
        Severity.Error,
        "Remove the user/key; give the workload a role (Roles Anywhere, OIDC or an instance profile) instead.",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles");

    public override IEnumerable<Finding> Check(StackTemplate stack) =>
        stack.LongLivedCredentials.Select(r => For(stack, r.LogicalId, r.JsonPath,
            $"{r.LogicalId} is an {r.Type}: long-lived credentials."));
}
