using EdgeIam.Policy.Permissions;
using EdgeIam.Policy.Reference;
using EdgeIam.Policy.Templates;

namespace EdgeIam.Policy.Rules;

/// <summary>
/// EIAM-PROOF-002: a policy of a role session whose document EdgeIam cannot read, as the permission side sees it
/// (<see cref="SessionPermissionsReader"/>): an AWS managed policy the embedded snapshot does not know (newer than the
/// snapshot, misspelt, wrong path), a customer managed policy of the account attached or set as permissions boundary,
/// or a Roles Anywhere profile's session policy or managed session policy that cannot be read. <c>can-do</c>,
/// <c>access</c> and the permission assertions then answer "cannot prove" for whatever it could change, so the
/// finding names the policy and why. Values that do not resolve at all are EIAM-PROOF-001's. False positives: an AWS
/// policy published after the snapshot (refresh the snapshot), and customer managed policies by design (they live in
/// the account; give the boundary's document in the stack file where that is supported).
/// </summary>
internal sealed class UnknownManagedPolicyRule : PolicyRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "EIAM-PROOF-002",
        "Policy of a role session whose document EdgeIam cannot read: what the session may do cannot be proved",
        Severity.Warning,
        "Use the AWS managed policy's exact ARN (path included), refresh the snapshot (node scripts/update-managed-policies.mjs), or give the policy in the stack file so the template carries it.",
        ManagedPolicyCatalog.ReferenceUrl);

    public override IEnumerable<Finding> Check(StackTemplate stack)
    {
        var catalog = ManagedPolicyCatalog.Embedded;
        foreach (var role in stack.Roles)
        {
            var permissions = SessionPermissionsReader.ForRole(stack, role, catalog);
            foreach (var policy in permissions.AllPolicies.Where(Reportable))
            {
                var property = policy.Layer == PolicyLayer.PermissionsBoundary ? "PermissionsBoundary" : "ManagedPolicyArns";
                yield return For(stack, role, $"{role.JsonPath}.Properties.{property}",
                    $"{role.DisplayName}: {policy.Origin} \"{policy.Name}\" cannot be read: {policy.Unknown}; the permission side cannot prove what it {(policy.Layer == PolicyLayer.Identity ? "allows or denies" : "limits")}.");
            }
        }

        foreach (var profile in stack.RolesAnywhereProfiles)
        {
            // The session layer is the profile's own: report it once per profile, not once per role.
            var role = profile.RoleLogicalIds.Select(stack.FindRoleByLogicalId).OfType<RoleResource>().FirstOrDefault();
            if (role is null)
            {
                continue;
            }

            foreach (var policy in (SessionPermissionsReader.ForProfileSession(stack, role, profile, catalog).Session ?? []).Where(Reportable))
            {
                var property = policy.Name == "session policy" ? "SessionPolicy" : "ManagedPolicyArns";
                yield return For(stack, profile.LogicalId, $"{profile.JsonPath}.Properties.{property}",
                    $"Roles Anywhere profile {profile.Name ?? profile.LogicalId}: {policy.Origin} \"{policy.Name}\" cannot be read: {policy.Unknown}; what its sessions may do is not proved.");
            }
        }
    }

    /// <summary>Unknown, and not because of an unresolved value (EIAM-PROOF-001 reports those).</summary>
    private static bool Reportable(LayerPolicy policy) => policy.Policy is null && !SymbolicValue.ContainsSymbol(policy.Name) && policy.Unknown is not null;
}
