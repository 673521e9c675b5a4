using EdgeIam.Policy.Model;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules;

/// <summary>
/// EIAM-PERM-001: every action, a write-capable action wildcard, or write actions on every resource need a written
/// justification. "Every" is judged by meaning (<see cref="PermissionBreadth"/>): <c>*:*</c> is <c>*</c>, and
/// <c>arn:*</c> or <c>arn:aws:ec2:*:*:*</c> is <c>Resource *</c>. The justification is the role's Metadata <c>edgeiam:justifications</c> keyed by the statement's Sid, or a cdk-nag
/// suppression with a reason (never enough for full admin).
/// </summary>
internal sealed class WildcardPermissionRule : PolicyRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-PERM-001",
        "Wildcard write permission (Action * / Resource *) without a justification",
        Severity.Error,
        "Name the actions and resources; if * is unavoidable give the statement a Sid and explain it in Metadata \"edgeiam:justifications\": {\"<Sid>\": \"why\"}.",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege");

    public override IEnumerable<Finding> Check(StackTemplate stack)
    {
        foreach (var role in stack.Roles)
        {
            foreach (var policy in role.PermissionPolicies)
            {
                var justifications = policy.Justifications.Merge(role.Justifications);
                foreach (var statement in policy.Document.Statements.Where(s => s.Effect == Effect.Allow))
                {
                    var problem = Describe(statement, out var fullAdmin);
                    if (problem is null || justifications.ReasonFor(statement.Sid, fullAdmin) is not null)
                    {
                        continue;
                    }

                    yield return For(stack, role, statement.JsonPath,
                        $"{policy.Name} {statement.Label}: {problem} without a justification{(statement.Sid is null ? " (the statement has no Sid to justify)" : string.Empty)}.");
                }
            }
        }
    }

    /// <summary>What is too broad about the statement, or null.</summary>
    private static string? Describe(Statement statement, out bool fullAdmin) =>
        PermissionBreadth.Describe(
            statement.NotAction?.Values ?? statement.Action?.Values ?? [],
            statement.NotAction is not null,
            statement.NotResource?.Values ?? statement.Resource?.Values ?? [],
            statement.NotResource is not null,
            out fullAdmin);
}
