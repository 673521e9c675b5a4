using EdgeIam.Policy.Model;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules;

/// <summary>
/// EIAM-COND-001: <c>ForAllValues</c> is true when the key is missing, so in an Allow statement on a single-valued key
/// it fails open (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html).
/// </summary>
internal sealed class SetOperatorOnSingleValuedKeyRule : PolicyRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-COND-001",
        "ForAllValues on a single-valued condition key in an Allow statement",
        Severity.Error,
        "Drop the ForAllValues: qualifier (use the plain operator) for single-valued keys such as aud, sub or aws:SourceArn.",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html");

    public override IEnumerable<Finding> Check(StackTemplate stack)
    {
        foreach (var role in stack.Roles)
        {
            var documents = new[] { role.TrustPolicy }.Concat(role.PermissionPolicies.Select(p => p.Document));
            foreach (var statement in documents.SelectMany(d => d.Statements).Where(s => s.Effect == Effect.Allow))
            {
                foreach (var clause in statement.Conditions.Where(c =>
                    c.Operator.SetOperator == ConditionSetOperator.ForAllValues && ConditionKeys.IsKnownSingleValued(c.Key)))
                {
                    yield return For(stack, role, clause.JsonPath,
                        $"{statement.Label}: {clause.Operator.Name} on single-valued \"{clause.Key}\" is true when the key is missing, so the statement allows requests without it.");
                }
            }
        }
    }
}
