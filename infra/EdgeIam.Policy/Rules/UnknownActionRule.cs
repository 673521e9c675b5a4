using EdgeIam.Policy.Model;
using EdgeIam.Policy.Reference;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules;

/// <summary>
/// EIAM-PERM-003: every <c>Action</c>/<c>NotAction</c> value, in trust and permission policies, names at least one
/// action of AWS's Service Authorization Reference. IAM stores a misspelt action without complaint and it then never
/// matches: an Allow grants less than it says, a Deny blocks nothing, a NotAction excludes nothing
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html). A value known only at
/// deploy time (a Ref or Fn::Sub) cannot be checked and is a finding too.
/// </summary>
internal sealed class UnknownActionRule : PolicyRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-PERM-003",
        "Action or NotAction names no action of the Service Authorization Reference",
        Severity.Error,
        "Spell the action as the Service Authorization Reference lists it (the finding names the nearest); a wildcard must match at least one action.",
        ServiceAuthorization.ReferenceUrl);

    public override IEnumerable<Finding> Check(StackTemplate stack)
    {
        foreach (var role in stack.Roles)
        {
            foreach (var finding in CheckDocument(stack, role, "trust policy", role.TrustPolicy))
            {
                yield return finding;
            }

            foreach (var policy in role.PermissionPolicies)
            {
                foreach (var finding in CheckDocument(stack, role, policy.Name, policy.Document))
                {
                    yield return finding;
                }
            }
        }
    }

    private IEnumerable<Finding> CheckDocument(StackTemplate stack, RoleResource role, string policyName, PolicyDocument document)
    {
        foreach (var statement in document.Statements)
        {
            foreach (var (list, isNot) in new[] { (statement.Action, false), (statement.NotAction, true) })
            {
                if (list is null)
                {
                    continue;
                }

                for (var i = 0; i < list.Values.Count; i++)
                {
                    var problem = Describe(list.Values[i]);
                    if (problem is null)
                    {
                        continue;
                    }

                    var path = list.Values.Count == 1 ? list.JsonPath : JsonPaths.Index(list.JsonPath, i);
                    yield return For(stack, role, path, $"{policyName} {statement.Label}: {problem}; {Consequence(statement.Effect, isNot)}.");
                }
            }
        }
    }

    /// <summary>What is wrong with one value, or null when it names at least one documented action.</summary>
    private static string? Describe(string value)
    {
        if (SymbolicValue.ContainsSymbol(value))
        {
            return $"'{value}' is only known at deploy time, so it cannot be checked against the Service Authorization Reference";
        }

        var check = ServiceAuthorization.Check(value);
        return check.IsKnown ? null : check.Message;
    }

    private static string Consequence(Effect effect, bool isNot) => (effect, isNot) switch
    {
        (Effect.Allow, false) => "IAM accepts it and it never matches, so the statement grants less than it says",
        (Effect.Deny, false) => "IAM accepts it and it never matches, so the Deny blocks nothing by it",
        (Effect.Allow, true) => "IAM accepts it and it excludes nothing, so the statement also allows what it meant to leave out",
        _ => "IAM accepts it and it excludes nothing, so the Deny also blocks what it meant to leave out",
    };
}
