using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules;

/// <summary>
/// EIAM-PERM-002: AWS managed policies that amount to administrator access need the same justification as
/// <c>Action *</c>; other AWS managed policies are fine.
/// </summary>
internal sealed class AdminManagedPolicyRule : PolicyRule
{
    private static readonly string[] AdminPolicies = ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"];

    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-PERM-002",
        "Administrator-level AWS managed policy without a justification",
        Severity.Error,
        "Attach a scoped policy instead; if unavoidable explain it in Metadata \"edgeiam:justifications\": {\"<PolicyName>\": \"why\"}.",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_job-functions.html");

    public override IEnumerable<Finding> Check(StackTemplate stack)
    {
        foreach (var role in stack.Roles)
        {
            foreach (var arn in role.ManagedPolicyArns)
            {
                var name = arn[(arn.LastIndexOf('/') + 1)..];
                if (arn.Contains(":iam::aws:policy/", StringComparison.OrdinalIgnoreCase) && AdminPolicies.Contains(name, StringComparer.OrdinalIgnoreCase)
                    && role.Justifications.ReasonFor(name, fullAdmin: true) is null)
                {
                    var property = role.ResourceType == TemplateReader.PermissionSetType ? "ManagedPolicies" : "ManagedPolicyArns";
                    yield return For(stack, role, $"{role.JsonPath}.Properties.{property}", $"{role.DisplayName} attaches {arn} without a justification.");
                }
            }
        }
    }
}
