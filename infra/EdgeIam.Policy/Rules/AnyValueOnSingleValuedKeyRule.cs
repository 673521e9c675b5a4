using EdgeIam.Policy.Model;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules;

/// <summary>
/// EIAM-COND-002: set qualifiers on single-valued keys elsewhere (ForAnyValue, or ForAllValues in a Deny) do not fail
/// open but say something the key cannot mean; AWS advises against them.
/// </summary>
internal sealed class AnyValueOnSingleValuedKeyRule : PolicyRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-COND-002",
        "Set qualifier on a single-valued condition key",
        Severity.Warning,
        "Use the plain operator; ForAnyValue/ForAllValues are for multivalued keys such as aws:TagKeys.",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html");

    public override IEnumerable<Finding> Check(StackTemplate stack)
    {
        foreach (var role in stack.Roles)
        {
            var documents = new[] { role.TrustPolicy }.Concat(role.PermissionPolicies.Select(p => p.Document));
            foreach (var statement in documents.SelectMany(d => d.Statements))
            {
                foreach (var clause in statement.Conditions.Where(c => ConditionKeys.IsKnownSingleValued(c.Key)
                    && (c.Operator.SetOperator == ConditionSetOperator.ForAnyValue
                        || (c.Operator.SetOperator == ConditionSetOperator.ForAllValues && statement.Effect == Effect.Deny))))
                {
                    yield return For(stack, role, clause.JsonPath, $"{statement.Label}: {clause.Operator.Name} on single-valued \"{clause.Key}\".");
                }
            }
        }
    }
}
