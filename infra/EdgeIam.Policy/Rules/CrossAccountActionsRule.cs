using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules;

/// <summary>
/// EIAM-XACCT-003: a trust statement for principals of another account allows more than role assumption and its two
/// session options. <c>sts:*</c> or <c>*</c> there also lets the other account call whatever STS adds later.
/// </summary>
internal sealed class CrossAccountActionsRule : PolicyRule
{
    private static readonly string[] Allowed = ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"];

    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-XACCT-003",
        "Cross-account trust allows actions other than sts:AssumeRole, sts:TagSession and sts:SetSourceIdentity",
        Severity.Error,
        "List exactly sts:AssumeRole (plus sts:TagSession or sts:SetSourceIdentity if the caller needs them); no wildcards.",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user.html");

    public override IEnumerable<Finding> Check(StackTemplate stack)
    {
        foreach (var role in stack.Roles)
        {
            foreach (var statement in role.TrustPolicy.Statements.Where(s => s.Action is not null && CrossAccountPrincipals.In(s, stack).Count > 0))
            {
                var extra = statement.Action!.Values.Where(a => !Allowed.Contains(a, StringComparer.OrdinalIgnoreCase)).ToList();
                if (extra.Count > 0)
                {
                    yield return For(stack, role, statement.Action.JsonPath,
                        $"{statement.Label} lets another account use {string.Join(", ", extra)} on {role.DisplayName}.");
                }
            }
        }
    }
}
