using EdgeIam.Policy.Model;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules;

/// <summary>
/// EIAM-PROOF-001: a principal, action, resource, condition or managed-policy value the template does not fix (an intrinsic the reader cannot
/// evaluate, a <c>Ref</c> or <c>Fn::GetAtt</c> to a resource that does not exist), or deploy-time conditions beyond
/// what the reader enumerates. No rule and no decision can be proved over such a value, so it is an error, never
/// silence. Parameters are deploy-time input, not errors: the cross-account rules treat them as another account and
/// the evaluator says the answer depends on them.
/// </summary>
internal sealed class UnresolvedValueRule : PolicyRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-PROOF-001",
        "Principal, action, resource, condition or managed policy value cannot be proved (unresolved intrinsic, reference to nothing)",
        Severity.Error,
        "Use a literal, a parameter, or a Ref/Fn::GetAtt to a resource of this template; Ref/GetAtt must name an existing logical ID.",
        "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html");

    public override IEnumerable<Finding> Check(StackTemplate stack)
    {
        foreach (var role in stack.Roles)
        {
            if (role.UnreadConditions.Count > 0)
            {
                yield return For(stack, role, role.JsonPath,
                    $"{role.DisplayName} uses more deploy-time Fn::If conditions ({string.Join(", ", role.UnreadConditions)}) than the engine enumerates; not every branch was checked.");
            }

            foreach (var arn in role.ManagedPolicyArns.Where(a => Unproved(stack, a).Any()))
            {
                yield return For(stack, role, role.JsonPath + ".Properties.ManagedPolicyArns",
                    $"Managed policy \"{arn}\" cannot be proved: {string.Join(", ", Unproved(stack, arn).Select(Describe(stack)))}; it could be any policy, AdministratorAccess included.");
            }

            var documents = role.PermissionPolicies.Select(p => p.Document).Prepend(role.TrustPolicy);
            foreach (var statement in documents.SelectMany(d => d.Statements))
            {
                // Actions and resources too: an unresolved action could be "*" at deploy time.
                var lists = new[] { statement.Action, statement.NotAction, statement.Resource, statement.NotResource }.OfType<ValueList>();
                var values = ((statement.Principal ?? statement.NotPrincipal)?.Entries ?? []).Select(e => (e.Value, e.JsonPath))
                    .Concat(lists.SelectMany(l => l.Values.Select(v => (Value: v, l.JsonPath))))
                    .Concat(statement.Conditions.SelectMany(c => c.Values.Append(c.Key).Select(v => (Value: v, c.JsonPath))));
                foreach (var (value, path) in values.Distinct())
                {
                    var unproved = Unproved(stack, value).ToList();
                    if (unproved.Count > 0)
                    {
                        yield return For(stack, role, path,
                            $"{statement.Label}: \"{value}\" cannot be proved: {string.Join(", ", unproved.Select(Describe(stack)))}.");
                    }
                }
            }
        }
    }

    private static IEnumerable<string> Unproved(StackTemplate stack, string value) =>
        SymbolicValue.SymbolsIn(value)
            .Where(s => SymbolicValue.Classify(s, stack.ResourceTypes.ContainsKey, stack.Parameters.Contains) is SymbolKind.Missing or SymbolKind.Opaque);

    private static Func<string, string> Describe(StackTemplate stack) => symbol =>
        SymbolicValue.Classify(symbol, stack.ResourceTypes.ContainsKey, stack.Parameters.Contains) == SymbolKind.Missing
            ? $"{symbol} refers to no resource or parameter of the template"
            : $"{symbol} is an intrinsic the engine does not evaluate";
}
