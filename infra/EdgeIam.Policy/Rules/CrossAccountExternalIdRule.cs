using EdgeIam.Policy.Model;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules;

/// <summary>
/// EIAM-XACCT-001: trust for another account without an external ID leaves the role open to the confused-deputy
/// problem (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html).
/// </summary>
internal sealed class CrossAccountExternalIdRule : PolicyRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-XACCT-001",
        "Cross-account trust without sts:ExternalId",
        Severity.Error,
        "Add \"StringEquals\": {\"sts:ExternalId\": \"<id agreed with the other account>\"} to the statement.",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html");

    public override IEnumerable<Finding> Check(StackTemplate stack)
    {
        foreach (var role in stack.Roles)
        {
            foreach (var statement in role.TrustPolicy.Statements)
            {
                var accounts = CrossAccountPrincipals.In(statement, stack);
                if (accounts.Count == 0)
                {
                    continue;
                }

                var pinned = TrustStatements.Pinning(statement, "sts:ExternalId", ConditionOperatorKind.StringEquals)
                    .Any(c => !c.Values.Any(TrustStatements.HasWildcard));
                if (!pinned)
                {
                    yield return For(stack, role, statement.JsonPath,
                        $"{statement.Label} trusts account {string.Join(", ", accounts)} without a StringEquals condition on \"sts:ExternalId\".");
                }
            }
        }
    }
}
