using EdgeIam.Policy.Model;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules;

/// <summary>
/// EIAM-WEBID-004: exact (StringEquals) and wildcard (StringLike) subjects in one statement are ANDed, so a token must
/// satisfy both; the wildcard list then never admits anything the exact list does not (terraform-aws-iam issue #633).
/// </summary>
internal sealed class WebIdentityAndedSubjectsRule : PolicyRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-WEBID-004",
        "Exact and wildcard subjects are ANDed in one statement",
        Severity.Error,
        "Split them: one statement with StringEquals for exact subjects, another with StringLike for wildcard subjects.",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html");

    public override IEnumerable<Finding> Check(StackTemplate stack)
    {
        foreach (var role in stack.Roles)
        {
            foreach (var statement in role.TrustPolicy.Statements.Where(TrustStatements.IsWebIdentity))
            {
                var bySubjectKey = statement.Conditions
                    .Where(c => c.Key.EndsWith(":sub", StringComparison.OrdinalIgnoreCase) && !c.Operator.IsNegated && c.Operator.Family == ConditionFamily.String)
                    .GroupBy(c => c.NormalizedKey, StringComparer.Ordinal);
                foreach (var group in bySubjectKey)
                {
                    var operators = group.Select(c => c.Operator.Kind).Distinct().ToList();
                    if (operators.Contains(ConditionOperatorKind.StringLike) && operators.Any(o => o is ConditionOperatorKind.StringEquals or ConditionOperatorKind.StringEqualsIgnoreCase))
                    {
                        yield return For(stack, role, statement.JsonPath,
                            $"{statement.Label} tests \"{group.First().Key}\" with both {string.Join(" and ", group.Select(c => c.Operator.Name))}; they are ANDed, not alternatives.");
                    }
                }
            }
        }
    }
}
