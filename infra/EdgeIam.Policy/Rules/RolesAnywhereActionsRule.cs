using EdgeIam.Policy.Model;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules;

/// <summary>
/// EIAM-RA-002: Roles Anywhere calls sts:AssumeRole, sts:TagSession and sts:SetSourceIdentity together; a trust that
/// misses one makes every CreateSession fail (https://docs.aws.amazon.com/rolesanywhere/latest/userguide/trust-model.html).
/// </summary>
internal sealed class RolesAnywhereActionsRule : PolicyRule
{
    private static readonly string[] Required = ["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"];

    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-RA-002",
        "Roles Anywhere trust misses sts:AssumeRole, sts:SetSourceIdentity or sts:TagSession",
        Severity.Error,
        "Allow all three actions: [\"sts:AssumeRole\", \"sts:SetSourceIdentity\", \"sts:TagSession\"].",
        "https://docs.aws.amazon.com/rolesanywhere/latest/userguide/trust-model.html");

    public override IEnumerable<Finding> Check(StackTemplate stack)
    {
        foreach (var role in stack.Roles)
        {
            foreach (var statement in role.TrustPolicy.Statements.Where(s =>
                s.Effect == Effect.Allow && TrustStatements.TrustsService(s, TrustStatements.RolesAnywhereService)))
            {
                var missing = Required.Where(a => !TrustStatements.Allows(statement, a)).ToList();
                if (missing.Count > 0)
                {
                    yield return For(stack, role, (statement.Action ?? statement.NotAction)!.JsonPath,
                        $"{statement.Label} trusts IAM Roles Anywhere but does not allow {string.Join(", ", missing)}.");
                }
            }
        }
    }
}
