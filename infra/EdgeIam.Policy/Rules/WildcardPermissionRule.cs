using EdgeIam.Policy.Model;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules;

/// <summary>
/// EIAM-PERM-001: <c>Action *</c> (or a service-wide wildcard) or write actions on <c>Resource *</c> need a written
/// justification: the role's Metadata <c>edgeiam:justifications</c> keyed by the statement's Sid, or a cdk-nag
/// suppression with a reason (never enough for full admin).
/// </summary>
public sealed class WildcardPermissionRule : PolicyRule
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
    private static string? Describe(Statement statement, out bool fullAdmin)
    {
        var actions = statement.Action?.Values ?? [];
        var anyResource = statement.NotResource is not null || statement.Resource?.Values.Contains("*") == true;
        var allActions = statement.NotAction is not null || actions.Contains("*");
        fullAdmin = allActions && anyResource;
        if (allActions)
        {
            return statement.NotAction is not null ? "NotAction allows every other action" : "Action \"*\" allows every action";
        }

        var wildcardWrites = actions.Where(ActionClassifier.IsWildcardWrite).ToList();
        if (wildcardWrites.Count > 0)
        {
            return $"{string.Join(", ", wildcardWrites)} allows every matching write action";
        }

        var writes = actions.Where(a => !ActionClassifier.IsReadOnly(a)).ToList();
        if (anyResource && writes.Count > 0)
        {
            return $"{string.Join(", ", writes)} on Resource \"*\"";
        }

        return null;
    }
}
